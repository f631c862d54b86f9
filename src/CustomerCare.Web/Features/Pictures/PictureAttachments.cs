using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>
/// How a post or reply takes its pictures: checked with its text (how many, described), kept by the store before the
/// transaction, added to the context inside it so they are saved with the post or reply or not at all, and forgotten
/// by the store when the transaction did not commit.
/// </summary>
public sealed class PictureAttachments(IPictureStore store, IOptions<PictureOptions> options)
{
    public int PerPost => options.Value.PerPost;

    /// <summary>Why these pictures cannot go with the text, or null; nothing is written either way.</summary>
    public PictureProblem? Refusal(IReadOnlyList<PictureUpload> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        if (uploads.Count > PerPost)
        {
            return PictureProblem.TooMany;
        }

        if (uploads.Any(u => TextRules.IsBlank(u.AltText)))
        {
            return PictureProblem.AltTextMissing;
        }

        return uploads.Any(u => TextRules.Line(u.AltText).Length > Picture.AltTextMaxLength) ? PictureProblem.AltTextTooLong : null;
    }

    /// <summary>The rows for <paramref name="uploads"/>, their bytes kept by the store; call before the transaction.</summary>
    public async Task<StagedPictures> StageAsync(IReadOnlyList<PictureUpload> uploads, string uploaderId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var rows = new List<Picture>();
        var staged = new StagedPictures(rows);
        try
        {
            foreach (var (upload, index) in uploads.Select((u, i) => (u, i)))
            {
                var picture = upload.Picture;
                var row = new Picture
                {
                    Id = Guid.CreateVersion7(), PostId = 0, UploaderId = uploaderId, ContentType = picture.ContentType,
                    Width = picture.Width, Height = picture.Height, ThumbWidth = picture.ThumbWidth, ThumbHeight = picture.ThumbHeight,
                    ByteLength = picture.Data.Length, AltText = TextRules.Line(upload.AltText),
                    // A millisecond apart: the reader sees them in the order they were added, on every provider.
                    CreatedAt = now.AddMilliseconds(index),
                };
                rows.Add(row);
                await store.KeepAsync(row, picture, ct);
            }
        }
        catch
        {
            Discard(staged);
            throw;
        }

        return staged;
    }

    /// <summary>Inside the transaction: the rows join the post (new or existing) or the reply, and are saved with it.</summary>
    public static void Attach(CareDb db, StagedPictures staged, Post? post, int postId, Reply? reply)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staged);
        foreach (var row in staged.Rows)
        {
            (row.Post, row.PostId, row.Reply) = (post, postId, reply);
            db.Pictures.Add(row);
        }
    }

    /// <summary>Runs the post's or reply's save; when it did not commit (<paramref name="saved"/> false, or it threw), the store forgets the pictures.</summary>
    public async Task<T> SavedOrDiscardedAsync<T>(StagedPictures staged, Func<Task<T>> save, Func<T, bool> saved)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(saved);
        var committed = false;
        try
        {
            var result = await save();
            committed = saved(result);
            return result;
        }
        finally
        {
            if (!committed)
            {
                Discard(staged);
            }
        }
    }

    /// <summary>The transaction did not commit: the store forgets what it kept.</summary>
    public void Discard(StagedPictures staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        store.Forget(staged.Rows.Select(r => r.Id));
    }
}

/// <summary>Pictures kept by the store and waiting for their post or reply's transaction.</summary>
public sealed class StagedPictures(IReadOnlyList<Picture> rows)
{
    public static StagedPictures None { get; } = new([]);

    internal IReadOnlyList<Picture> Rows => rows;

    public IReadOnlyList<PictureView> Views => [.. rows.Select(r => new PictureView(r.Id, r.AltText, r.Width, r.Height, r.ThumbWidth, r.ThumbHeight))];
}
