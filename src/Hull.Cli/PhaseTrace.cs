using System.Diagnostics;
using System.Globalization;

namespace Hull.Cli;

/// <summary>
/// An in-process trace of where one invocation spends its time, on standard error, when <c>HULL_TRACE</c> is set:
/// one line <c>hull-trace PHASE MS</c> per phase. <c>HULL_TRACE</c> may hold the CLOCK_MONOTONIC time in nanoseconds
/// at which the process was spawned (bench/Startup/trace.py passes it), so the first phase is runtime start-up.
/// </summary>
public static class PhaseTrace
{
    private static long s_last;
    private static bool s_enabled;

    /// <summary>Starts the trace if <c>HULL_TRACE</c> is set; the first call in <c>Main</c>.</summary>
    public static void Start()
    {
        var value = Environment.GetEnvironmentVariable("HULL_TRACE");
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        s_enabled = true;
        // Stopwatch reads CLOCK_MONOTONIC in nanoseconds on Linux, the clock the harness stamps the spawn with.
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long spawn) && spawn > 1 && Stopwatch.Frequency == 1_000_000_000)
        {
            s_last = spawn;
            Mark("runtime start");
        }
        else
        {
            s_last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Ends the current phase, naming it.</summary>
    public static void Mark(string phase)
    {
        if (!s_enabled)
        {
            return;
        }
        long now = Stopwatch.GetTimestamp();
        double ms = (now - s_last) * 1000.0 / Stopwatch.Frequency;
        s_last = now;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hull-trace {phase.Replace(' ', '_')} {ms:F3}"));
    }
}
