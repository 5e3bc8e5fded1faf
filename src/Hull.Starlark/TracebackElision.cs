namespace Hull.Starlark;

/// <summary>
/// Shortens long tracebacks: unbounded recursion stops after thousands of nested calls, and printing every frame buries
/// the message. The outermost and innermost frames are kept (where the recursion started and where it failed) with
/// the count of those left out between them.
/// </summary>
public static class TracebackElision
{
    /// <summary>How many frames are printed at each end of a long traceback.</summary>
    public const int FramesAtEachEnd = 10;

    /// <summary>How many of <paramref name="count"/> frames are left out (0 when all are printed).</summary>
    public static int Omitted(int count) => count > 2 * FramesAtEachEnd + 1 ? count - 2 * FramesAtEachEnd : 0;

    /// <summary>Whether frame <paramref name="index"/> (0 = outermost) of <paramref name="count"/> is printed.</summary>
    public static bool IsShown(int index, int count) => Omitted(count) == 0 || index < FramesAtEachEnd || index >= count - FramesAtEachEnd;

    /// <summary>The line standing for the frames left out.</summary>
    public static string OmittedLine(int omitted) => "... " + omitted.ToString(System.Globalization.CultureInfo.InvariantCulture) + " frames omitted ...";
}
