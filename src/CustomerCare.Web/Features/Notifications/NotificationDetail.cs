using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>
/// What <see cref="Notification.Detail"/> holds, as JSON: for StatusChanged the new status (and the product owner's
/// note), for Shipped the release and the note, e.g. <c>{"status":"Shipped","release":"3.2","note":"Export is in."}</c>.
/// Other kinds leave Detail null. Parse is lenient: unreadable detail reads as empty, it never breaks a list or a mail.
/// </summary>
public sealed record NotificationDetail(PostStatus? Status = null, string? Release = null, string? Note = null)
{
    public static readonly NotificationDetail Empty = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON to store; a long note is cut so the whole fits <see cref="Notification.DetailMaxLength"/>.</summary>
    public string ToJson()
    {
        var json = JsonSerializer.Serialize(this, Json);
        if (json.Length <= Notification.DetailMaxLength || Note is null)
        {
            return json;
        }

        // JSON escaping can lengthen the note; cut by the overflow plus room for the ellipsis until it fits.
        var note = Note;
        while (json.Length > Notification.DetailMaxLength && note.Length > 0)
        {
            note = note[..Math.Max(0, note.Length - (json.Length - Notification.DetailMaxLength) - 1)];
            json = JsonSerializer.Serialize(this with { Note = note + "…" }, Json);
        }

        return json;
    }

    public static NotificationDetail Parse(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<NotificationDetail>(detail, Json) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }
}
