using Hull.Packaging.Installing;

namespace Hull.Cli.Commands;

/// <summary>
/// <c>kubectl get pkgi --watch</c>: the header once, then a row each time an installation's state changes
/// (<c>Reconciling</c>, then <c>Reconcile succeeded</c> or <c>Reconcile failed</c>), as it happens.
/// </summary>
public sealed class WatchTable(TextWriter output)
{
    private static readonly string[] Headers = ["NAME", "PACKAGE NAME", "PACKAGE VERSION", "DESCRIPTION", "AGE"];
    private static readonly int[] Widths = [24, 40, 17, 69, 3];
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);
    private bool _started;

    /// <summary>Writes the installation's row if its state changed since its last row.</summary>
    public void Write(Installation installation) => Write(installation.Key, InstallTargetOptions.Row(installation, DateTimeOffset.UtcNow), installation.Description);

    /// <summary>Writes a row (NAME, PACKAGE NAME, PACKAGE VERSION, DESCRIPTION, AGE) for <paramref name="key"/> if its description changed.</summary>
    public void Write(string key, string[] row, string state)
    {
        if (_last.TryGetValue(key, out var description) && description == state)
        {
            return;
        }
        _last[key] = state;
        if (!_started)
        {
            _started = true;
            WriteRow(Headers);
        }
        WriteRow(row);
        output.Flush();
    }

    // Rows are written one at a time, so widths cannot follow the content: wide enough for common names.
    private void WriteRow(string[] cells) =>
        output.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(Widths[i]))).TrimEnd());
}
