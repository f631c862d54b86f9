using System.Data.Common;
using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>
/// Writes <see cref="SecurityEvent"/> rows: the account pages, the sign-out endpoint and the admin's role changes call
/// it. A name typed at the door that is no account is kept as a hash, and only when it looks like an e-mail address:
/// a password typed into the e-mail field by mistake must not end up in the log, not even hashed. A failure to write
/// is logged and never fails the sign-in it describes.
/// </summary>
public sealed partial class SecurityLog(IDbContextFactory<CareDb> dbs, TimeProvider time, ILogger<SecurityLog> log)
{
    public Task RecordAsync(
        SecurityEventKind kind, string? userId, IPAddress? client, string? actorId = null, string? detail = null, CancellationToken ct = default) =>
        WriteAsync(new SecurityEvent
        {
            Kind = kind,
            UserId = userId,
            ActorId = actorId,
            ClientAddress = AddressOf(client),
            Detail = detail is { Length: > SecurityEvent.DetailMaxLength } ? detail[..SecurityEvent.DetailMaxLength] : detail,
            OccurredAt = time.GetUtcNow().UtcDateTime,
        }, ct);

    /// <summary>An event about a name that has no account (or that the caller must not look up).</summary>
    public Task RecordUnknownAsync(SecurityEventKind kind, string? typedName, IPAddress? client, CancellationToken ct = default) =>
        WriteAsync(new SecurityEvent
        {
            Kind = kind,
            AccountHash = HashOf(typedName),
            ClientAddress = AddressOf(client),
            OccurredAt = time.GetUtcNow().UtcDateTime,
        }, ct);

    /// <summary>SHA-256 of the upper-cased address, or null for anything that is not an e-mail address.</summary>
    public static string? HashOf(string? typedName)
    {
        var name = typedName?.Trim() ?? "";
        if (!MailAddress.TryCreate(name, out var address) || address.Address != name)
        {
            return null;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name.ToUpperInvariant())));
    }

    /// <summary>The address as text, an IPv4 address mapped into IPv6 written as IPv4.</summary>
    public static string? AddressOf(IPAddress? client) =>
        client is null ? null : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    private async Task WriteAsync(SecurityEvent entry, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.SecurityEvents.Add(entry);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            LogNotWritten(ex, entry.Kind, entry.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Security event {Kind} for {UserId} could not be written")]
    private partial void LogNotWritten(Exception ex, SecurityEventKind kind, string? userId);
}
