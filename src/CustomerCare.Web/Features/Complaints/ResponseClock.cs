using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// Where a complaint stands against its answer target. <see cref="Waited"/>, <see cref="Remaining"/> and
/// <see cref="OverdueBy"/> are business time, so a desk sorts a Friday-evening complaint behind one from Monday morning.
/// </summary>
public sealed record ResponseState(DateTime DueAt, TimeSpan Target, TimeSpan Waited, TimeSpan Remaining, TimeSpan OverdueBy, bool IsOverdue);

/// <summary>
/// Business time in the portal's zone: the due time of an answer, how long a customer has waited, whether a
/// target is breached. UTC in and out; business hours and holidays are the zone's wall-clock times.
/// </summary>
public sealed class ResponseClock
{
    /// <summary>How far the clock looks for business time before it calls the configuration unusable.</summary>
    public const int MaxDaysSearched = 366;

    private readonly ConcurrentDictionary<DateOnly, (DateTime OpenUtc, DateTime CloseUtc)[]> openings = new();
    private readonly ResponseOptions options;
    private readonly TimeProvider time;

    public ResponseClock(IOptions<ResponseOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        Schedule = ResponseSchedule.From(this.options);
    }

    public ResponseSchedule Schedule { get; }

    public TimeZoneInfo Zone => Schedule.Zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The instant <paramref name="businessTarget"/> of business time after <paramref name="startUtc"/>; a start outside business hours counts from the next opening.</summary>
    public DateTime DueAt(DateTime startUtc, TimeSpan businessTarget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTarget, TimeSpan.Zero);
        startUtc = AsUtc(startUtc);
        var remaining = businessTarget;
        var firstDay = LocalDate(startUtc);
        for (var i = 0; i <= MaxDaysSearched; i++)
        {
            foreach (var (openUtc, closeUtc) in OpeningsUtc(firstDay.AddDays(i)))
            {
                if (closeUtc <= startUtc)
                {
                    continue;
                }

                var from = openUtc < startUtc ? startUtc : openUtc;
                if (remaining <= closeUtc - from)
                {
                    return from + remaining;
                }

                remaining -= closeUtc - from;
            }
        }

        throw new InvalidOperationException(
            $"No due time within {MaxDaysSearched} days after {startUtc:u} for a target of {businessTarget}: " +
            $"{ResponseOptions.Section}:BusinessHours and Holidays leave (almost) no business hours.");
    }

    /// <summary>Business time between two instants, e.g. how long a customer has waited; zero when <paramref name="toUtc"/> is not later.</summary>
    public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        fromUtc = AsUtc(fromUtc);
        toUtc = AsUtc(toUtc);
        var total = TimeSpan.Zero;
        if (toUtc <= fromUtc)
        {
            return total;
        }

        // Bounded by the span asked about: one step per local day between the two instants.
        for (var day = LocalDate(fromUtc); day <= LocalDate(toUtc); day = day.AddDays(1))
        {
            foreach (var (openUtc, closeUtc) in OpeningsUtc(day))
            {
                var from = openUtc < fromUtc ? fromUtc : openUtc;
                var to = closeUtc > toUtc ? toUtc : closeUtc;
                if (to > from)
                {
                    total += to - from;
                }
            }
        }

        return total;
    }

    /// <summary>True once the due instant has passed: an answer at the very instant promised is still on time.</summary>
    public bool IsOverdue(DateTime dueUtc) => UtcNow > AsUtc(dueUtc);

    /// <summary>The clock of a complaint whose customer has waited since <paramref name="waitingSinceUtc"/> (filing, or their last message).</summary>
    public ResponseState For(DateTime waitingSinceUtc, bool firstAnswer)
    {
        var target = TargetFor(firstAnswer);
        var due = DueAt(waitingSinceUtc, target);
        var now = UtcNow;
        var overdue = now > due;
        return new ResponseState(
            due,
            target,
            BusinessTimeBetween(waitingSinceUtc, now),
            overdue ? TimeSpan.Zero : BusinessTimeBetween(now, due),
            overdue ? BusinessTimeBetween(due, now) : TimeSpan.Zero,
            overdue);
    }

    /// <summary>The business time within which a first answer, or an answer to the customer's next word, is due.</summary>
    public TimeSpan TargetFor(bool firstAnswer) => firstAnswer ? options.FirstAnswerTarget : options.NextAnswerTarget;

    /// <summary>A UTC instant as the portal's wall-clock time.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone);

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    // Each opening of a local date as UTC instants, so an interval on a DST day is as long as it really is. Worked out once
    // per date: the schedule never changes while the portal runs, and the insights ask for tens of thousands of waits.
    private (DateTime OpenUtc, DateTime CloseUtc)[] OpeningsUtc(DateOnly day) => openings.GetOrAdd(day, d =>
    {
        var midnight = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return [.. Schedule.OpeningsOn(d).Select(o => (ToUtc(midnight + o.Open), ToUtc(midnight + o.Close)))];
    });

    /// <summary>
    /// Wall-clock time to UTC without throwing on DST days: a time the clocks skip (02:30 on a spring-forward night)
    /// is read with the offset before the jump, i.e. as the same distance after it (03:30); a time that occurs twice
    /// (02:30 on a fall-back night) is its first occurrence.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            var before = Zone.GetUtcOffset(local.AddDays(-1));
            var after = Zone.GetUtcOffset(local.AddDays(1));
            return DateTime.SpecifyKind(local - (before < after ? before : after), DateTimeKind.Utc);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            return DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    // Entities hand back UTC, but SQLite and hand-written values can arrive as Unspecified; Local would be a bug.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("The clock takes UTC times; convert local times first.", nameof(value)),
    };
}
