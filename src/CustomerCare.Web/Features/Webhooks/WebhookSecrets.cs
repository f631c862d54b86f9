using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// Signing secrets in the Standard Webhooks form ("whsec_" and 32 random bytes in base64). The portal must read a secret
/// back to sign, so it cannot hash it; it stores it protected by Data Protection (keys in the database, shared by every
/// server) under its own purpose, and shows it to the admin once.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Purpose = "CustomerCare.Webhooks.Secret.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public static string New() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
