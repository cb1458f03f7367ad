using Microsoft.AspNetCore.Mvc;

namespace TlsPreflight.Api.Edges;

/// <summary>At most <see cref="MaxBytes"/> per API request body (issue 3: 64 KiB), declared or chunked. Kestrel's own
/// limit does it: the endpoints carry it as metadata, routing sets the request's <c>IHttpMaxRequestBodySizeFeature</c>
/// before the body is read, and Kestrel counts every byte it reads, chunked too; what it throws past the limit
/// <c>BadInputProblems</c> answers as a 413 problem. (The TestServer enforces no limit: the proof runs on Kestrel.)</summary>
public static class ApiBodyLimit
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The endpoints of <paramref name="app"/> mapped through the returned group accept at most <see cref="MaxBytes"/>.</summary>
    public static RouteGroupBuilder WithApiBodyLimit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("");
        group.WithMetadata(new RequestSizeLimitAttribute(MaxBytes));
        return group;
    }
}
