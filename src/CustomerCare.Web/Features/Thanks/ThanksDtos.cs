namespace CustomerCare.Web.Features.Thanks;

public enum ThanksOutcome
{
    Thanked,
    AlreadyThanked,
    Invalid,
    SignInRequired,
    NotFound,

    /// <summary>People who work here thank no one here; nor does anyone thank a customer's reply, their own, or an unsolved complaint.</summary>
    NotThankable,
}

/// <summary>What thanking did; <paramref name="Errors"/> names the field (Note) and its resource key when the input was refused.</summary>
public sealed record ThanksResult(ThanksOutcome Outcome, IReadOnlyDictionary<string, string>? Errors = null)
{
    public bool Succeeded => Outcome is ThanksOutcome.Thanked or ThanksOutcome.AlreadyThanked;
}
