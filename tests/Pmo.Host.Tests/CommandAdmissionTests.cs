using Microsoft.Extensions.Time.Testing;
using Pmo.Host.Api;

namespace Pmo.Host.Tests;

/// <summary>Overload control: refuse early while accepted changes are not settling, never queue for minutes.</summary>
public sealed class CommandAdmissionTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly AdmissionOptions _options = new()
    {
        MaxSettleLag = TimeSpan.FromMilliseconds(750),
        MaxUnsettled = 3,
        RetryAfter = TimeSpan.FromSeconds(1),
        GiveUpAfter = TimeSpan.FromSeconds(10),
    };

    private CommandAdmission Admission() => new(_options, _clock);

    /// <summary>An admission whose one change, <paramref name="id"/>, was accepted <paramref name="age"/> ago and has not settled.</summary>
    private CommandAdmission Tracking(string id, TimeSpan age)
    {
        var admission = Admission();
        admission.Track(id);
        _clock.Advance(age);
        return admission;
    }

    /// <summary>The gate is closed now, and opens when <paramref name="id"/> settles.</summary>
    private static void AssertClosedUntilSettled(CommandAdmission admission, string id)
    {
        Assert.False(admission.TryAdmit(out _));
        admission.Settled(id);
        Assert.True(admission.TryAdmit(out _));
    }

    [Fact]
    public void Commands_are_admitted_while_accepted_changes_settle_in_time()
    {
        var admission = Admission();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(admission.TryAdmit(out _));
            admission.Track($"c{i}");
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            admission.Settled($"c{i}");
        }
        Assert.Equal(0, admission.Unsettled);
    }

    [Fact]
    public void After_a_silo_loss_the_changes_it_may_have_stranded_no_longer_hold_the_gate_but_later_ones_do()
    {
        var admission = Admission();
        admission.Track("stranded");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(admission.TryAdmit(out _));

        admission.SiloLost();

        Assert.True(admission.TryAdmit(out _));
        admission.Track("after");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(admission.TryAdmit(out _));
    }

    [Fact]
    public void A_change_unsettled_longer_than_the_lag_refuses_new_commands_with_retry_after_until_it_settles()
    {
        var admission = Tracking("slow", age: TimeSpan.FromMilliseconds(700));
        Assert.True(admission.TryAdmit(out _));

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(admission.TryAdmit(out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);

        admission.Settled("slow");
        Assert.True(admission.TryAdmit(out _));
    }

    [Fact]
    public void Too_many_unsettled_changes_refuse_new_commands_even_when_all_are_young()
    {
        var admission = Admission();
        foreach (var id in new[] { "a", "b", "c" }) admission.Track(id);
        AssertClosedUntilSettled(admission, "b");
    }

    [Fact]
    public void A_settlement_overtaken_by_younger_ones_still_holds_the_gate_until_it_comes()
    {
        var admission = Tracking("old", age: TimeSpan.FromMilliseconds(500));
        admission.Track("young");
        admission.Settled("young");
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        AssertClosedUntilSettled(admission, "old");
    }

    [Fact]
    public void A_change_never_heard_to_settle_stops_holding_the_gate_after_the_give_up_time()
    {
        var admission = Tracking("lost with its silo", age: TimeSpan.FromSeconds(5));
        Assert.False(admission.TryAdmit(out _));
        _clock.Advance(TimeSpan.FromSeconds(5.1));
        Assert.True(admission.TryAdmit(out _));
        Assert.Equal(0, admission.Unsettled);
    }

    [Fact]
    public void Disabled_admission_admits_everything()
    {
        _options.Enabled = false;
        var admission = Admission();
        for (var i = 0; i < 10; i++) admission.Track($"c{i}");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(admission.TryAdmit(out _));
    }
}
