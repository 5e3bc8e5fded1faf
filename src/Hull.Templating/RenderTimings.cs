using System.Diagnostics;

namespace Hull.Templating;

/// <summary>
/// Where a render spends its time, by phase (YAML parse, template compile, Starlark compile, evaluation, overlays, ...).
/// Phases nest (a template's evaluation loads and compiles others); each is charged only the time it spends itself.
/// Set <see cref="TemplateOptions.Timings"/> to collect; benchmarks print the figures.
/// </summary>
public sealed class RenderTimings
{
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private readonly Stack<string> _open = new();
    private long _since;

    /// <summary>Phase names and their exclusive time, in first-seen order.</summary>
    public IEnumerable<(string Phase, TimeSpan Time)> Phases => _ticks.Select(kv => (kv.Key, Stopwatch.GetElapsedTime(0, kv.Value)));

    /// <summary>Starts charging time to <paramref name="phase"/> until the returned scope is disposed.</summary>
    public Scope Measure(string phase)
    {
        Charge();
        _open.Push(phase);
        return new Scope(this);
    }

    private void Charge()
    {
        long now = Stopwatch.GetTimestamp();
        if (_open.Count > 0)
        {
            _ticks[_open.Peek()] = _ticks.GetValueOrDefault(_open.Peek()) + (now - _since);
        }

        _since = now;
    }

    private void End()
    {
        Charge();
        _open.Pop();
    }

    /// <summary>One open phase.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly RenderTimings? _owner;

        internal Scope(RenderTimings? owner) => _owner = owner;

        /// <inheritdoc/>
        public void Dispose() => _owner?.End();
    }

    /// <summary>A scope on <paramref name="timings"/>, or a no-op when it is null.</summary>
    public static Scope Measure(RenderTimings? timings, string phase) => timings?.Measure(phase) ?? default;
}
