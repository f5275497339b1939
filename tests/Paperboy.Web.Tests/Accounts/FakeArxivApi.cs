using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>A stand-in for arXiv's query API on 127.0.0.1: answers each <c>id_list</c> from a table of Atom feeds, an empty feed otherwise.</summary>
public sealed class FakeArxivApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _papers;
    private int _requests;

    public FakeArxivApi(params (string Id, string Title)[] papers)
    {
        _papers = papers.ToDictionary(p => p.Id, p => Feed(p.Id, p.Title));
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/api/query");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri BaseAddress { get; }

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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

            Interlocked.Increment(ref _requests);
            var id = context.Request.QueryString["id_list"] ?? "";
            var body = Encoding.UTF8.GetBytes(_papers.TryGetValue(id, out var feed) ? feed : Feed(null, null));
            context.Response.ContentType = "application/atom+xml; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static string Feed(string? id, string? title) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <title>arXiv Query</title>
          {(id is null ? "" : $"""
          <entry>
            <id>http://arxiv.org/abs/{id}v1</id>
            <title>{title}</title>
            <summary>What the paper is about.</summary>
            <published>2022-12-19T15:02:27Z</published>
            <updated>2022-12-19T15:02:27Z</updated>
            <author><name>Grace Hopper</name></author>
            <arxiv:primary_category term="cs.CV"/>
          </entry>
          """)}
        </feed>
        """;
}
