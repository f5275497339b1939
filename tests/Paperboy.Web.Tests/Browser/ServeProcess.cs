using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Paperboy.Web.Tests.Browser;

/// <summary>The real <c>paperboy serve</c> (built beside the tests) on a free loopback port over a temp data directory.</summary>
/// <remarks>It starts on an empty store, so it imports the demo corpus as a newcomer's first start does; the hashing test embedder stands in for the models.</remarks>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>What the server has written so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits (up to two minutes) until its indexes have caught up with the demo corpus.</summary>
    /// <param name="dataDirectory">The data directory, empty or not.</param>
    /// <param name="settings">Extra <c>PAPERBOY__...</c> environment settings as name/value pairs.</param>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, params (string Name, string Value)[] settings)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "paperboy.dll"), "--data", dataDirectory, "serve", "--urls", baseUrl })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("PAPERBOY_DATA");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["PAPERBOY__EMBEDDERS"] = "hashing";
        start.Environment["PAPERBOY__FOLLOWINTERVALSECONDS"] = "0.2";

        // Each request's start and end (with its duration) in the log, for the report of a failed browser test.
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        foreach (var (name, value) in settings)
        {
            start.Environment["PAPERBOY__" + name.ToUpperInvariant()] = value;
        }

        var server = new ServeProcess(Process.Start(start)!, baseUrl);
        try
        {
            await server.WaitUntilIndexedAsync();
            await server.WarmUpAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager does, and waits (up to a minute) for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Renders the front page once, so that a test's navigation timeout is not spent on a cold server's first render.</summary>
    /// <remarks>On a machine loaded by the other test classes, the first render (JIT of the page and its services) took over 30 s once.</remarks>
    private async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        using var response = await client.GetAsync("/");
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilIndexedAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"paperboy serve exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                var health = JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
                if (health.GetProperty("keywordLag").GetInt64() == 0 && health.GetProperty("keywordSequence").GetInt64() > 0
                    && health.GetProperty("embeddingBacklog").GetInt64() == 0
                    && health.GetProperty("embeddingSequence").GetInt64() == health.GetProperty("storeSequence").GetInt64())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
                // The client's timeout: on a loaded machine the first requests of a cold server can take that long.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"paperboy serve at {BaseUrl} did not finish indexing in two minutes:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
