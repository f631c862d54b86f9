using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>
/// The pictures a composer holds before sending: each processed file with its description, and each refused file with
/// its reason (shown, never sent). The composer's owner reads <see cref="Uploads"/> when it sends and clears it after.
/// </summary>
public sealed class PictureDraft
{
    private readonly List<DraftPicture> items = [];

    public IReadOnlyList<DraftPicture> Items => items;

    public int PictureCount => items.Count(i => i.Picture is not null);

    /// <summary>Every picture is described (the service checks again, with the limit on how many).</summary>
    public bool Ready => items.All(i => i.Picture is null || !TextRules.IsBlank(i.AltText));

    public IReadOnlyList<PictureUpload> Uploads => [.. items.Where(i => i.Picture is not null).Select(i => new PictureUpload(i.Picture!, i.AltText))];

    public void Add(DraftPicture item) => items.Add(item);

    public void Remove(DraftPicture item) => items.Remove(item);

    public void Clear() => items.Clear();
}

/// <summary>One chosen file: its picture (or why it was refused) and the description typed for it.</summary>
public sealed class DraftPicture(string fileName, ProcessedPicture? picture, PictureProblem? problem)
{
    public string FileName { get; } = fileName;

    public ProcessedPicture? Picture { get; } = picture;

    public PictureProblem? Problem { get; } = problem;

    public string AltText { get; set; } = "";
}
