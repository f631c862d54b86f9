using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;

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

/// <summary>One chosen file (<see cref="File"/>: its name as the browser gave it): its picture, or why it was refused, and the description typed for it.</summary>
public sealed class DraftPicture(string file, ProcessedPicture? picture, PictureProblem? problem)
{
    public string File { get; } = file;

    public ProcessedPicture? Picture { get; } = picture;

    public PictureProblem? Problem { get; } = problem;

    public string AltText { get; set; } = "";

    public static DraftPicture Of(IBrowserFile file, PictureProcessing processed)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(processed);
        return new(file.Name, processed.Picture, processed.Problem);
    }
}
