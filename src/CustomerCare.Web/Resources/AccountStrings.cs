namespace CustomerCare.Web.Resources;

/// <summary>Marker for the account and user-admin strings in AccountStrings.resx (English) and AccountStrings.de.resx (German).</summary>
public sealed class AccountStrings;
