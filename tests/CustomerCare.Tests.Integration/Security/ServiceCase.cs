namespace CustomerCare.Tests.Integration.Security;

/// <summary>
/// One service call of the ASVS matrix: <see cref="Covers"/> names the method ("ComplaintOwnershipService.ClaimAsync"),
/// <see cref="Allowed"/> who may do it, and <see cref="Run"/> arranges fresh content, calls the method as a persona and
/// says whether the call was allowed (it did what was asked, or returned what was asked for).
/// </summary>
public sealed record ServiceCase(string Covers, IReadOnlySet<Persona> Allowed, Func<Cast, Persona, Task<bool>> Run)
{
    public static readonly Persona[] SignedIn =
        [Persona.Customer, Persona.AnotherCustomer, Persona.Author, Persona.Staff, Persona.ProductOwner, Persona.Admin];

    public static readonly Persona[] WorksHere = [Persona.Staff, Persona.ProductOwner, Persona.Admin];

    public static readonly Persona[] AuthorAndWorksHere = [Persona.Author, Persona.Staff, Persona.ProductOwner, Persona.Admin];

    public static readonly Persona[] Deciders = [Persona.ProductOwner, Persona.Admin];

    public static ServiceCase Of(string covers, Persona[] allowed, Func<Cast, Persona, Task<bool>> run) =>
        new(covers, allowed.ToHashSet(), run);

    /// <summary>False when the call refuses by throwing <see cref="UnauthorizedAccessException"/>, as admin-only reads do.</summary>
    public static async Task<bool> Permitted(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
