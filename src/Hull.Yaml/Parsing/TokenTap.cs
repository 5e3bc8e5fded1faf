using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Hull.Yaml.Parsing;

/// <summary>
/// Sits between YamlDotNet's scanner and parser: takes comments out of the token stream (recording where they
/// are) and records the line of every `-` block entry, which ytt uses as the position of array items.
/// </summary>
internal sealed class TokenTap : IScanner
{
    private readonly Scanner _inner;

    public TokenTap(Scanner inner) => _inner = inner;

    /// <summary>Start marks (1-based line, 1-based column) of comments in source order.</summary>
    public List<(int Line, int Column)> Comments { get; } = new();

    /// <summary>1-based lines of `-` entries in source order.</summary>
    public Queue<int> BlockEntryLines { get; } = new();

    /// <summary>The innermost flow collection not yet closed: its 1-based start line and closing character.</summary>
    public (int Line, char Close)? OpenFlow => _openFlows.Count > 0 ? _openFlows.Peek() : null;

    private readonly Stack<(int Line, char Close)> _openFlows = new();

    public Mark CurrentPosition => _inner.CurrentPosition;

    public Token? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!MoveNextWithoutConsuming())
        {
            return false;
        }

        ConsumeCurrent();
        return true;
    }

    public bool MoveNextWithoutConsuming()
    {
        while (_inner.MoveNextWithoutConsuming())
        {
            switch (_inner.Current)
            {
                case YamlDotNet.Core.Tokens.Comment c:
                    Comments.Add(((int)c.Start.Line, (int)c.Start.Column));
                    _inner.ConsumeCurrent();
                    continue;
                case BlockEntry b:
                    BlockEntryLines.Enqueue((int)b.Start.Line);
                    break;
                case FlowSequenceStart fs:
                    _openFlows.Push(((int)fs.Start.Line, ']'));
                    break;
                case FlowMappingStart fm:
                    _openFlows.Push(((int)fm.Start.Line, '}'));
                    break;
                case FlowSequenceEnd or FlowMappingEnd when _openFlows.Count > 0:
                    _openFlows.Pop();
                    break;
            }

            return true;
        }

        return false;
    }

    public void ConsumeCurrent() => _inner.ConsumeCurrent();
}
