namespace TlsPreflight.Api.Assessments;

/// <summary>A 200 answer whose JSON was written before (<see cref="Decisions.DecisionMemo.JsonOf"/>), sent as it is,
/// with the content type <c>Ok&lt;T&gt;</c> gives its JSON.</summary>
public sealed class RememberedJson(byte[] json) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = json.Length;
        return httpContext.Response.Body.WriteAsync(json).AsTask();
    }
}
