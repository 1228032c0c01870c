namespace Surveys.Tests.Sms;

/// <summary>
/// A clock the test sets. Only "now" is faked: timers stay real, so background loops keep
/// polling in real time while every decision they make reads this clock.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => Now;
}
