using Microsoft.AspNetCore.Http.Features;

namespace TlsPreflight.Api.Edges;

/// <summary>At most <see cref="MaxBytes"/> per API request body (issue 3: 64 KiB), declared or chunked: 413 problem.</summary>
public sealed class RequestBodyLimit(RequestDelegate next, IProblemDetailsService problems)
{
    public const int MaxBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any()))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = MaxBytes;
        }

        if (request.ContentLength > MaxBytes)
        {
            await TooLargeAsync(context);
            return;
        }

        if (request.ContentLength == null)
        {
            // Chunked: read at most one byte past the limit into memory, then hand the buffer on.
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    await TooLargeAsync(context);
                    return;
                }
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        await next(context);
    }

    private async Task TooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Detail = $"The request body is larger than {MaxBytes / 1024} KiB." },
        });
    }
}
