using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CustomerCare.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// The archive a person downloads: <c>data.json</c> (the whole <see cref="PersonalDataArchive"/>, for another service —
/// portability) and <c>data.md</c> (the same, to read, with headings in the person's language). The JSON keeps other people's
/// names and the titles as stored; the text shows a deleted account's name and an anonymized complaint's title in the
/// person's language, as the portal's pages do.
/// </summary>
public static class PersonalDataZip
{
    public const string ContentType = "application/zip";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FileName(DateTime exportedAt) =>
        $"customercare-data-{exportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.zip";

    /// <summary><paramref name="pictures"/> reads a picture's stored bytes; each of the person's pictures goes in as its file.</summary>
    public static async Task WriteAsync(
        Stream output, PersonalDataArchive archive, IStringLocalizer l, Func<Guid, CancellationToken, Task<byte[]?>>? pictures = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (var json = await zip.CreateEntry("data.json", CompressionLevel.Optimal).OpenAsync(ct))
        {
            await JsonSerializer.SerializeAsync(json, archive, Json, ct);
        }

        foreach (var picture in pictures is null ? [] : archive.Pictures)
        {
            if (await pictures!(picture.Id, ct) is { } bytes)
            {
                // Pictures are compressed already.
                await using var file = await zip.CreateEntry(picture.File, CompressionLevel.NoCompression).OpenAsync(ct);
                await file.WriteAsync(bytes, ct);
            }
        }

        await using var md = new StreamWriter(await zip.CreateEntry("data.md", CompressionLevel.Optimal).OpenAsync(ct), new UTF8Encoding(false));
        await md.WriteAsync(Readable(archive, l).AsMemory(), ct);
    }

    /// <summary>The archive as Markdown: one section per kind of data, every item with its date and what it is about.</summary>
    public static string Readable(PersonalDataArchive archive, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(l);
        var p = archive.Profile;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(l["Data_Readme_Title", p.DisplayName]).AppendLine()
          .AppendLine(l["Data_Readme_Intro", When(archive.ExportedAt)]).AppendLine();

        Section(md, l["Data_Section_Profile"], [
            $"{p.DisplayName} <{p.Email}>{(p.EmailConfirmed ? "" : " (unconfirmed)")}",
            $"{l["Data_Field_Roles"]}: {string.Join(", ", p.Roles)}",
            $"{l["Data_Field_CustomerSince"]}: {When(p.CustomerSince)}",
            .. Optional(l["Data_Field_JobTitle"], p.JobTitle), .. Optional(l["Data_Field_Language"], p.Language),
            .. Optional(l["Data_Field_Avatar"], p.AvatarUrl), .. Optional(l["Data_Field_Blocked"], p.BlockReason)], l);
        Posts(md, l["Data_Section_Ideas"], archive.Ideas, l);
        Posts(md, l["Data_Section_Complaints"], archive.Complaints, l);
        Section(md, l["Data_Section_Replies"], archive.Replies.Select(r => $"{When(r.CreatedAt)} · {About(r.PostId, r.PostTitle, l)}: {OneLine(r.Body)}"
            + (r.EndorsedBy is null ? "" : $" ({l["Data_Field_EndorsedBy"]} {PersonName.Shown(r.EndorsedBy, l)})")
            + (r.MarkedAsAnswer ? $" ({l["Answer_Badge"]})" : "")), l);
        Section(md, l["Data_Section_Votes"], archive.Votes.Select(v => $"{When(v.At)} · {About(v.PostId, v.PostTitle, l)}"), l);
        Section(md, l["Data_Section_Follows"], [
            .. archive.Follows.Select(f => $"{When(f.Since)} · {About(f.PostId, f.PostTitle, l)} · {(f.Following ? f.Reason : "stopped")}"),
            .. archive.CategoryFollows.Select(f => $"{When(f.Since)} · {f.Category}")], l);
        Section(md, l["Data_Section_MailSettings"], archive.MailSettings.Select(s => $"{s.Kind}: {s.Delivery}"), l);
        Section(md, l["Data_Section_SolvesIt"], archive.SolvesItAnswers.Select(a => $"{When(a.At)} · {About(a.PostId, a.PostTitle, l)}: {(a.Solves ? "yes" : "no")}"), l);
        Section(md, l["Data_Section_Notifications"], archive.Notifications.Select(n => $"{When(n.CreatedAt)} · {n.Kind} · {About(n.PostId, n.PostTitle, l)}{(n.From is null ? "" : $" · {PersonName.Shown(n.From, l)}")}"), l);
        Section(md, l["Data_Section_Mails"], archive.Mails.Select(m => $"{When(m.CreatedAt)} · {m.To} · {m.Subject}"), l);
        Section(md, l["Data_Section_Reports"], archive.Reports.Select(r => $"{When(r.CreatedAt)} · #{r.PostId} · {r.Reason}{(r.Note is null ? "" : $": {OneLine(r.Note)}")}"), l);
        Section(md, l["Data_Section_Security"], archive.SecurityEvents.Select(e => $"{When(e.OccurredAt)} · {e.Kind}{(e.ClientAddress is null ? "" : $" · {e.ClientAddress}")}"), l);
        Section(md, l["Data_Section_Decisions"], archive.Decisions.Select(d => $"{When(d.At)} · {About(d.PostId, d.PostTitle, l)} · {d.What}"), l);
        Section(md, l["Data_Section_Tokens"], archive.AccessTokens.Select(t =>
            $"{t.Name} ({t.Prefix}…, {t.Scope}) · {When(t.CreatedAt)} – {When(t.ExpiresAt)}{(t.RevokedAt is { } r ? $" · ✕ {When(r)}" : "")}"), l);
        Section(md, l["Data_Section_ThanksGiven"], archive.ThanksGiven.Select(t => Thanks(t, l)), l);
        Section(md, l["Data_Section_ThanksReceived"], archive.ThanksReceived.Select(t => Thanks(t, l)), l);
        Section(md, l["Data_Section_Helpful"], archive.HelpfulMarks.Select(m => $"{When(m.At)} · {PersonName.Shown(m.Author, l)} · {About(m.PostId, m.PostTitle, l)}"), l);
        Section(md, l["Data_Section_Pictures"], archive.Pictures.Select(p => $"{When(p.CreatedAt)} · {About(p.PostId, p.PostTitle, l)} · {p.File}: {OneLine(p.AltText)}"), l);
        Section(md, l["Data_Section_NotesAboutYou"], archive.NotesAboutYou.Select(n => $"{When(n.At)} · {PersonName.Shown(n.Author, l)}: {OneLine(n.Body)}"), l);
        return md.ToString();
    }

    private static string Thanks(ThanksData t, IStringLocalizer l) =>
        $"{When(t.At)} · {PersonName.Shown(t.Person, l)} · {About(t.PostId, t.PostTitle, l)}{(t.Note is null ? "" : $": {OneLine(t.Note)}")}";

    private static void Posts(StringBuilder md, string heading, IReadOnlyList<PostData> posts, IStringLocalizer l)
    {
        md.Append("## ").AppendLine(heading).AppendLine();
        if (posts.Count == 0)
        {
            md.AppendLine(l["Data_None"]).AppendLine();
        }

        foreach (var post in posts)
        {
            md.Append("### ").Append(post.Title).Append(" (#").Append(post.Id.ToString(CultureInfo.InvariantCulture)).AppendLine(")").AppendLine()
              .Append("- ").Append(When(post.CreatedAt)).Append(" · ").Append(post.Status)
              .AppendLine(post.IsPublic ? "" : $" · {l["Data_Field_Private"]}")
              .AppendLine(post.Owner is null ? "" : $"- {l["Data_Field_Owner"]}: {PersonName.Shown(post.Owner, l)}")
              .AppendLine(post.Rating is null ? "" : $"- {l["Data_Field_Rating"]}: {post.Rating}/5 {post.RatingComment}")
              .AppendLine().AppendLine(Quote(post.Body)).AppendLine();
            foreach (var reply in post.Thread)
            {
                md.Append("- **").Append(PersonName.Shown(reply.Author, l)).Append("**, ").Append(When(reply.CreatedAt)).Append(": ").AppendLine(OneLine(reply.Body));
            }

            foreach (var wait in post.Waits)
            {
                md.Append("- ").Append(l["Data_Field_Waited"]).Append(": ").Append(When(wait.Since)).Append(" → ")
                  .AppendLine(wait.AnsweredAt is { } answered ? When(answered) : wait.EndedAt is { } ended ? When(ended) : l["Data_Field_StillWaiting"]);
            }

            md.AppendLine();
        }
    }

    private static void Section(StringBuilder md, string heading, IEnumerable<string> lines, IStringLocalizer l)
    {
        md.Append("## ").AppendLine(heading).AppendLine();
        var any = false;
        foreach (var line in lines)
        {
            md.Append("- ").AppendLine(line);
            any = true;
        }

        md.AppendLine(any ? "" : l["Data_None"]).AppendLine();
    }

    private static IEnumerable<string> Optional(string label, string? value) => value is null ? [] : [$"{label}: {value}"];

    private static string About(int postId, string? title, IStringLocalizer l) =>
        title is null ? $"#{postId}" : $"“{PostTitle.Shown(title, l)}” (#{postId})";

    private static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Quote(string text) => "> " + text.ReplaceLineEndings("\n> ");
}
