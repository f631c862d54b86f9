using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Webhooks;

/// <summary>One request as the receiver got it: the raw body and the headers, as a receiver would verify them.</summary>
public sealed record ReceivedWebhook(string Body, IHeaderDictionary Headers)
{
    public string MessageId => Headers["webhook-id"].ToString();
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a free port) for the portal's webhook sender. <see cref="Answer"/> decides
/// each answer by the number of the request (0 first): a status code, or null to hang until the sender gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Func<int, HttpStatusCode?> Answer { get; set; } = _ => HttpStatusCode.OK;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in context.Request.Headers)
        {
            headers[name] = value;
        }

        Received.Enqueue(new(body, headers));
        if (Answer(Interlocked.Increment(ref count) - 1) is { } status)
        {
            context.Response.StatusCode = (int)status;
            await context.Response.WriteAsync(status == HttpStatusCode.OK ? "thanks" : "broken", context.RequestAborted);
            return;
        }

        // Hangs: the sender's timeout ends it (or the receiver's stop).
        await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
