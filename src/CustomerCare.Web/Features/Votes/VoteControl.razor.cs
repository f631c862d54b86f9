namespace CustomerCare.Web.Features.Votes;

/// <summary>A base for components that show a vote button (see VoteControl.razor); never rendered on its own.</summary>
public abstract partial class VoteControl;
