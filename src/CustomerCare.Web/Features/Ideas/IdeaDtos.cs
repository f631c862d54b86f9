namespace CustomerCare.Web.Features.Ideas;

/// <summary>What the customer typed; the service trims and checks it again, whatever the page did.</summary>
/// <summary>A new idea as its author wrote it; <see cref="Pictures"/> go with it, each described.</summary>
public sealed record ProposeIdea(string? Title, string? Body, int? CategoryId, IReadOnlyList<Pictures.PictureUpload>? Pictures = null);
