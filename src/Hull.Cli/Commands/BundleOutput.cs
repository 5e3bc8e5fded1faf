using Hull.Bundles.Progress;
using Spectre.Console;

namespace Hull.Cli.Commands;

/// <summary>
/// Where bundle commands write: imgpkg-style lines to the command's output, and transfer progress as a Spectre.Console
/// progress bar on a terminal or as a few plain summary lines otherwise.
/// </summary>
public sealed class BundleOutput : ITransferProgress
{
    private readonly TextWriter _out;
    private readonly object _gate = new();
    private readonly bool _interactive;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private long _bytes;
    private int _items;
    private int _totalItems;
    private string _phase = "";
    private DateTime _started;

    /// <summary>Writes to <paramref name="output"/>; a progress bar only when it is the console and a terminal.</summary>
    public BundleOutput(TextWriter output)
    {
        _out = output;
        _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    }

    /// <summary>Writes one line.</summary>
    public void Line(string line)
    {
        lock (_gate)
        {
            if (_context is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape(line));
            }
            else
            {
                _out.WriteLine(line);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/>, inside a live progress display when interactive.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!_interactive)
        {
            return await work().ConfigureAwait(false);
        }
        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                lock (_gate)
                {
                    _context = ctx;
                }
                try
                {
                    return await work().ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _context = null;
                    }
                }
            }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Begin(string phase, long totalBytes, int totalItems)
    {
        lock (_gate)
        {
            _phase = phase;
            _bytes = 0;
            _items = 0;
            _totalItems = totalItems;
            _started = DateTime.UtcNow;
            _task = _context?.AddTask(Markup.Escape(phase), maxValue: Math.Max(1, totalBytes));
        }
    }

    /// <inheritdoc/>
    public void Advance(long bytes)
    {
        lock (_gate)
        {
            _bytes += bytes;
            _task?.Increment(bytes);
        }
    }

    /// <inheritdoc/>
    public void ItemDone(string what, bool skipped)
    {
        lock (_gate)
        {
            _items++;
            if (_task is not null)
            {
                _task.Description = Markup.Escape($"{_phase} ({_items}/{_totalItems})");
            }
        }
    }

    /// <inheritdoc/>
    public void End()
    {
        lock (_gate)
        {
            if (_task is not null)
            {
                _task.Value = _task.MaxValue;
                _task.StopTask();
                _task = null;
            }
            double seconds = (DateTime.UtcNow - _started).TotalSeconds;
            string line = $"copy | {_phase}: {_items} blobs, {Size(_bytes)} in {seconds:0.0}s";
            if (_context is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape(line));
            }
            else
            {
                _out.WriteLine(line);
            }
        }
    }

    /// <inheritdoc/>
    public void Info(string line) => Line(line);

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
