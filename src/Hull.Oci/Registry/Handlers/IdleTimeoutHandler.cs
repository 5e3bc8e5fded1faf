namespace Hull.Oci.Registry.Handlers;

/// <summary>
/// Fails a send with a <see cref="TimeoutException"/> when the registry sends no response headers within
/// <paramref name="timeout"/>; for a streamed upload the clock starts once the body has been written, so a large
/// blob is not cut off while it is still moving.
/// </summary>
internal sealed class IdleTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Content is StreamingContent streaming)
            streaming.Sent += () => deadline.CancelAfter(timeout);
        else
            deadline.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response headers within {timeout.TotalSeconds:0.#} s");
        }
    }
}
