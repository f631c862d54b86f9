namespace CustomerCare.Web.Features.Ideas;

/// <summary>What the customer typed; the service trims and checks it again, whatever the page did.</summary>
public sealed record ProposeIdea(string? Title, string? Body, int? CategoryId);
