namespace CustomerCare.Web.Resources;

/// <summary>Marker for the shared UI strings in Strings.resx (English) and Strings.de.resx (German).</summary>
public sealed class Strings;
