using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paperboy.Tests.Harvest;

/// <summary>One scripted reply of <see cref="FakeOaiServer"/>: status, body, extra headers, and how long to stall first.</summary>
internal sealed record FakeReply(int Status, string Body, TimeSpan Delay = default, params (string Name, string Value)[] Headers)
{
    public static FakeReply Page(string goldenFile) =>
        new(200, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "arxiv", goldenFile)));
}

/// <summary>A request as the fake server received it, stamped on the same monotonic clock the harvester paces by.</summary>
internal sealed record ReceivedRequest(long Timestamp, string RawQuery, NameValueCollection Query, string? UserAgent);

/// <summary>An HTTP server on 127.0.0.1 that answers requests with scripted replies, in order, and records what it received.</summary>
internal sealed class FakeOaiServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly FakeReply[] _replies;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _served;

    public FakeOaiServer(params FakeReply[] replies)
    {
        _replies = replies;
        (_listener, BaseAddress) = Listen();
        _ = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received.OrderBy(request => request.Timestamp)];

    /// <summary>The gaps between consecutive requests, as the server saw them.</summary>
    public IReadOnlyList<TimeSpan> Gaps()
    {
        var received = Received;
        return [.. received.Zip(received.Skip(1), (earlier, later) => Stopwatch.GetElapsedTime(earlier.Timestamp, later.Timestamp))];
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        _stopping.Dispose();
    }

    private static (HttpListener, Uri) Listen()
    {
        // Another process may take the free port between the probe and the bind; a few tries settle it.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix + "oai"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _received.Enqueue(new ReceivedRequest(Stopwatch.GetTimestamp(), context.Request.Url!.Query, context.Request.QueryString, context.Request.UserAgent));
            _ = ReplyAsync(context, Interlocked.Increment(ref _served) - 1);
        }
    }

    private async Task ReplyAsync(HttpListenerContext context, int index)
    {
        var reply = index < _replies.Length ? _replies[index] : new FakeReply(410, $"no reply scripted for request {index + 1}");
        try
        {
            await Task.Delay(reply.Delay, _stopping.Token);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "text/xml; charset=utf-8";
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.AddHeader(name, value);
            }

            var body = Encoding.UTF8.GetBytes(reply.Body);
            await context.Response.OutputStream.WriteAsync(body, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception error) when (error is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up on this reply (a timeout test) or the test is over.
        }
    }
}
