using System.Text;
using Hull.Starlark.Syntax;

namespace Hull.Starlark;

/// <summary>One frame of a Starlark traceback.</summary>
public sealed record TraceFrame(string Function, Position Pos, string? SourceLine);

/// <summary>A Starlark evaluation error with its traceback (innermost frame last in <see cref="Frames"/>).</summary>
public sealed class EvalException : StarlarkException
{
    private readonly List<TraceFrame> _frames = []; // innermost first while unwinding

    /// <summary>Creates an error with a message (no position yet; the engine adds frames as it unwinds).</summary>
    public EvalException(string message, Exception? inner = null) : base(message, inner) => Msg = message;

    /// <summary>The error message without traceback.</summary>
    public string Msg { get; }

    /// <summary>
    /// The position of the innermost operation of the frame currently unwinding (set once per frame). A host
    /// function may set it before throwing to place its error on another line of the calling program.
    /// </summary>
    public Position? PendingPos { get; set; }

    /// <summary>The traceback, outermost call first.</summary>
    public IReadOnlyList<TraceFrame> Frames => Enumerable.Reverse(_frames).ToList();

    /// <summary>Position of the innermost frame, if any.</summary>
    public Position? Pos => _frames.Count > 0 ? _frames[0].Pos : PendingPos;

    internal void AddFrame(string function, Position pos, string? sourceLine) => _frames.Add(new TraceFrame(function, pos, sourceLine));

    /// <summary>The traceback in starlark-go's layout, followed by the error line.</summary>
    public string Backtrace()
    {
        var sb = new StringBuilder();
        if (_frames.Count > 0)
        {
            sb.Append("Traceback (most recent call last):\n");
            int count = _frames.Count;
            for (int i = count - 1; i >= 0; i--)
            {
                int outermostFirst = count - 1 - i;
                if (!TracebackElision.IsShown(outermostFirst, count))
                {
                    if (outermostFirst == TracebackElision.FramesAtEachEnd)
                        sb.Append("  ").Append(TracebackElision.OmittedLine(TracebackElision.Omitted(count))).Append('\n');
                    continue;
                }
                var f = _frames[i];
                sb.Append("  ").Append(f.Pos.ToString()).Append(": in ").Append(f.Function).Append('\n');
                if (!string.IsNullOrWhiteSpace(f.SourceLine)) sb.Append("    ").Append(f.SourceLine.Trim()).Append('\n');
            }
        }
        sb.Append("Error: ").Append(Msg);
        return sb.ToString();
    }

    /// <summary>The message prefixed with the innermost position, as "file:line:col: msg".</summary>
    public override string Message => Pos is { IsValid: true } p ? $"{p}: {Msg}" : Msg;
}
