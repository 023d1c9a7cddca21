using Pmo.Load.Measurement;

namespace Pmo.Load.Tests;

/// <summary>CPU per accepted command: read from /proc, split between the host, the harness and the rest of the machine.</summary>
public sealed class CpuMeterTests
{
    [Fact]
    public void The_machine_line_counts_busy_time_apart_from_idle_and_iowait()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var line = "cpu  1000 20 300 5000 80 7 9 4 0 0";

        Assert.Equal((1000L + 20 + 300 + 7 + 9 + 4, 1000L + 20 + 300 + 5000 + 80 + 7 + 9 + 4), CpuMeter.ParseMachineLine(line));
        Assert.Null(CpuMeter.ParseMachineLine("cpu0 1 2 3 4 5 6 7 8"));
        Assert.Null(CpuMeter.ParseMachineLine("intr 1 2 3"));
    }

    [Fact]
    public void What_the_host_and_harness_did_not_spend_of_the_busy_time_is_the_rest_of_the_machine()
    {
        var start = new CpuReading(HostSeconds: 10, HarnessSeconds: 2, MachineBusySeconds: 100, MachineAllSeconds: 400);
        var end = new CpuReading(HostSeconds: 22, HarnessSeconds: 4, MachineBusySeconds: 118, MachineAllSeconds: 420);

        var use = CpuMeter.Between(start, end, accepted: 10_000);

        Assert.NotNull(use);
        Assert.Equal(1.2, use.HostMsPerCommand);
        Assert.Equal(0.2, use.HarnessMsPerCommand);
        Assert.Equal(0.4, use.OtherMsPerCommand);
        Assert.Equal(90, use.MachineBusyPercent);
    }

    [Fact]
    public void Without_a_host_pid_only_the_harness_and_the_machine_are_known_and_nothing_accepted_means_no_figures()
    {
        var start = new CpuReading(null, 2, 100, 400);
        var end = new CpuReading(null, 3, 110, 420);

        var use = CpuMeter.Between(start, end, accepted: 1000);

        Assert.Equal((null, 1.0, null, 50.0), (use!.HostMsPerCommand, use.HarnessMsPerCommand, use.OtherMsPerCommand, use.MachineBusyPercent));
        Assert.Null(CpuMeter.Between(start, end, accepted: 0));
    }

    [Fact]
    public void Reading_this_process_as_the_host_sees_its_own_cpu_and_the_machine()
    {
        var before = CpuMeter.Read(Environment.ProcessId);
        // Spend some CPU so the next reading has moved.
        var spin = System.Diagnostics.Stopwatch.StartNew();
        var x = 0.0;
        while (spin.ElapsedMilliseconds < 60) x += Math.Sqrt(spin.ElapsedTicks);
        var after = CpuMeter.Read(Environment.ProcessId);

        Assert.True(x > 0);
        Assert.NotNull(before.HostSeconds);
        Assert.NotNull(before.MachineBusySeconds);
        Assert.True(after.HarnessSeconds > before.HarnessSeconds);
        Assert.True(after.MachineAllSeconds > before.MachineAllSeconds);
    }
}
