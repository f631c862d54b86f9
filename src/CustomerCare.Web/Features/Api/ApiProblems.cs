using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerCare.Web.Features.Api;

/// <summary>Where the API lives.</summary>
public static class ApiPaths
{
    public const string Root = "/api/v1";

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The API's answers that are not data: problem+json (RFC 9457) for every refusal, ETags, and reading a JSON body so a
/// malformed one is a 400 naming where it broke, before any service is asked.
/// </summary>
public static class ApiProblems
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problem(status, title, detail).ExecuteAsync(context);
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"No {what} with that id, or none you may see.");

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>What a 401 says when no token (and no sign-in cookie) came with the request.</summary>
    public const string SignInSentence = "This request needs a signed-in person: send Authorization: Bearer with a personal access token.";

    public static ProblemHttpResult SignInRequired() => Problem(StatusCodes.Status401Unauthorized, "Not signed in", SignInSentence);

    public static ProblemHttpResult TooMany(TimeSpan? wait, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = (int)Math.Ceiling((wait ?? TimeSpan.FromMinutes(1)).TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many", $"Your limit for this is reached; try again in {seconds} seconds.");
    }

    /// <summary>400 naming each field and what is wrong (the resource key the pages translate).</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => Camel(e.Key), e => new[] { e.Value }, StringComparer.Ordinal));

    /// <summary>The body as <typeparamref name="T"/>, or a 400 that names the field where the JSON broke.</summary>
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, request.HttpContext.RequestAborted);
            return value is null ? (null, Field("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            return (null, Field(path, "This is not valid JSON here, or not a field of this request."));
        }
    }

    /// <summary>A strong validator of the representation: the SHA-256 of its JSON.</summary>
    public static string ETagOf<T>(T value)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>True when an If-None-Match of the request names <paramref name="etag"/> (or is *).</summary>
    public static bool Matches(string? header, string etag) =>
        header is not null && header.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
