using System.Globalization;
using System.Text;

namespace Hull.Yaml.Parsing;

/// <summary>
/// A fast parser for the block subset most templates and generated manifests use: block maps and sequences,
/// plain and quoted scalars, single-quoted scalars over several lines, literal blocks, one-line flow
/// collections of scalars (<c>[]</c>, <c>{}</c>, <c>["a", b]</c>, <c>{k: v}</c>), plain scalars continued on
/// more-indented lines, comments and `---`. Anything else (nested or multi-line flow, anchors, tags, folded blocks,
/// multi-line double-quoted scalars, tabs, errors) makes it give up so the complete YamlDotNet-based parser handles
/// the text.
/// </summary>
internal sealed class BlockFastParser
{
    private readonly string[] _lines;
    private readonly string _file;
    private readonly List<(int Line, int Column)> _comments = new();
    private readonly List<int> _docLines = new();
    private int _li; // current line index (0-based)
    private int _depth; // open collections; past the limit the full parser reports the error

    private BlockFastParser(string[] lines, string file)
    {
        _lines = lines;
        _file = file;
    }

    private sealed class GiveUp : Exception
    {
    }

    public static bool TryParse(string text, string file, bool withComments, bool startsWithMarker, out DocumentSet? set)
    {
        set = null;
        if (!OnlyPlainCharacters(text))
        {
            return false;
        }

        var p = new BlockFastParser(text.Split('\n'), file);
        try
        {
            set = p.Parse(startsWithMarker);
        }
        catch (GiveUp)
        {
            return false;
        }

        if (withComments && p._comments.Count > 0)
        {
            p._comments.Sort();
            CommentAssigner.Assign(set!, p._comments, text, 0, file, p._docLines);
        }

        return true;
    }

    // Tabs, carriage returns, the other YAML line breaks (NEL, LS, PS) and characters YAML forbids (controls, BOMs,
    // lone surrogates) each have rules of their own; text containing any of them goes to the complete parser.
    private static bool OnlyPlainCharacters(string text)
    {
        var rest = text.AsSpan();
        while (true)
        {
            var i = rest.IndexOfAnyExceptInRange(' ', '~');
            if (i < 0)
            {
                return true;
            }

            var ch = rest[i];
            if (ch == '\n' || (ch >= '\u00A0' && ch <= '\uD7FF' && ch != '\u2028' && ch != '\u2029') || (ch >= '\uE000' && ch <= '\uFFFD' && ch != '\uFEFF'))
            {
                rest = rest[(i + 1)..];
                continue;
            }

            if (char.IsHighSurrogate(ch) && i + 1 < rest.Length && char.IsLowSurrogate(rest[i + 1]))
            {
                rest = rest[(i + 2)..];
                continue;
            }

            return false;
        }
    }

    private DocumentSet Parse(bool startsWithMarker)
    {
        var set = new DocumentSet();
        _li = 0;
        SkipInsignificant();
        if (startsWithMarker && (_li >= _lines.Length || !IsDocMarker(_lines[_li])))
        {
            throw new GiveUp();
        }

        var first = true;
        while (true)
        {
            int docLine;
            if (first && !startsWithMarker)
            {
                docLine = 0;
            }
            else if (_li < _lines.Length && IsDocMarker(_lines[_li]))
            {
                docLine = _li + 1;
                var rest = _lines[_li].AsSpan(3);
                var trimmed = rest.TrimStart(' ');
                if (trimmed.Length > 0)
                {
                    if (trimmed[0] != '#' || rest.Length == trimmed.Length)
                    {
                        throw new GiveUp();
                    }

                    _comments.Add((_li + 1, 3 + (rest.Length - trimmed.Length) + 1));
                }

                _li++;
            }
            else
            {
                break;
            }

            first = false;
            _docLines.Add(docLine);
            var doc = new Document { Position = new Position(_file, docLine > 0 ? docLine : 1) };
            SkipInsignificant();
            if (_li < _lines.Length && !IsDocMarker(_lines[_li]))
            {
                doc.Value = ParseNode(-1, doc.Position, _li, Indent(_lines[_li]));
                SkipInsignificant();
                if (_li < _lines.Length && !IsDocMarker(_lines[_li]))
                {
                    throw new GiveUp();
                }
            }

            set.Items.Add(doc);
            if (_li >= _lines.Length)
            {
                break;
            }
        }

        return set;
    }

    private static bool IsDocMarker(string line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || line[3] == ' ');

    private static int Indent(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        return i;
    }

    // Skips blank and comment-only lines, recording the comments.
    private void SkipInsignificant()
    {
        while (_li < _lines.Length)
        {
            var line = _lines[_li];
            var ind = Indent(line);
            if (ind == line.Length)
            {
                _li++;
                continue;
            }

            if (line[ind] == '#')
            {
                _comments.Add((_li + 1, ind + 1));
                _li++;
                continue;
            }

            if (line.StartsWith("...", StringComparison.Ordinal) || line[0] == '%')
            {
                throw new GiveUp();
            }

            return;
        }
    }

    // Parses the node whose content starts on line `line` at column `col` (possibly mid-line after "- ").
    private object? ParseNode(int parentIndent, Position parent, int line, int col)
    {
        var text = _lines[line];
        if (col > parentIndent && IsDash(text, col))
        {
            return ParseSequence(col, parent);
        }

        if (TryKey(text, col, out _, out _))
        {
            return ParseMapping(col, parent);
        }

        // A lone scalar: only a single-line one.
        var value = ParseScalarAt(line, col, parentIndent, parent, out var blockConsumed);
        if (!blockConsumed)
        {
            _li = line + 1;
            CheckNoContinuation(parentIndent);
        }

        return value;
    }

    private static bool IsDash(string text, int col) => text[col] == '-' && (col + 1 == text.Length || text[col + 1] == ' ');

    private YamlArray ParseSequence(int indent, Position parent)
    {
        Enter();
        var arr = new YamlArray { Position = parent };
        var first = true;
        while (true)
        {
            if (!first)
            {
                SkipInsignificant();
                if (_li >= _lines.Length || IsDocMarker(_lines[_li]))
                {
                    break;
                }

                var ind = Indent(_lines[_li]);
                if (ind < indent)
                {
                    break;
                }

                if (ind > indent || !IsDash(_lines[_li], ind))
                {
                    if (ind == indent && !IsDash(_lines[_li], ind))
                    {
                        break; // a sibling key of an indentless sequence's parent map
                    }

                    throw new GiveUp();
                }
            }

            first = false;
            var line = _li;
            var text = _lines[line];
            var item = new ArrayItem { Position = new Position(_file, line + 1) };
            var c = indent + 1;
            while (c < text.Length && text[c] == ' ')
            {
                c++;
            }

            if (c >= text.Length || text[c] == '#')
            {
                if (c < text.Length)
                {
                    _comments.Add((line + 1, c + 1));
                }

                _li = line + 1;
                item.Value = ParseNested(indent, item.Position);
            }
            else
            {
                item.Value = ParseNode(indent, item.Position, line, c);
            }

            arr.Items.Add(item);
        }

        _depth--;
        return arr;
    }

    private void Enter()
    {
        if (++_depth > NestingLimit.MaxDepth)
        {
            throw new GiveUp();
        }
    }

    // The value of "key:" or "-" with nothing after it: a block on following lines, or null.
    private object? ParseNested(int indent, Position parent, bool allowIndentlessSequence = false)
    {
        SkipInsignificant();
        if (_li >= _lines.Length || IsDocMarker(_lines[_li]))
        {
            return null;
        }

        var ind = Indent(_lines[_li]);
        if (ind > indent)
        {
            return ParseNode(indent, parent, _li, ind);
        }

        if (allowIndentlessSequence && ind == indent && IsDash(_lines[_li], ind))
        {
            return ParseSequence(indent, parent);
        }

        return null;
    }

    private Map ParseMapping(int indent, Position parent)
    {
        Enter();
        var map = new Map { Position = parent };
        var first = true;
        while (true)
        {
            int col;
            if (first)
            {
                col = indent;
            }
            else
            {
                SkipInsignificant();
                if (_li >= _lines.Length || IsDocMarker(_lines[_li]))
                {
                    break;
                }

                col = Indent(_lines[_li]);
                if (col < indent)
                {
                    break;
                }

                if (col > indent)
                {
                    throw new GiveUp();
                }

                if (IsDash(_lines[_li], col))
                {
                    break; // let the caller decide (an error unless it is an enclosing sequence's item)
                }
            }

            first = false;
            var line = _li;
            var text = _lines[line];
            if (!TryKey(text, col, out var key, out var after))
            {
                throw new GiveUp();
            }

            var item = new MapItem(key) { Position = new Position(_file, line + 1) };
            var c = after;
            while (c < text.Length && text[c] == ' ')
            {
                c++;
            }

            if (c >= text.Length || text[c] == '#')
            {
                if (c < text.Length)
                {
                    if (c == after)
                    {
                        throw new GiveUp();
                    }

                    _comments.Add((line + 1, c + 1));
                }

                _li = line + 1;
                item.Value = ParseNested(indent, item.Position, allowIndentlessSequence: true);
            }
            else
            {
                if (c == after)
                {
                    throw new GiveUp();
                }

                if (IsDash(text, c) || TryKey(text, c, out _, out _))
                {
                    throw new GiveUp(); // "a: - b" / "a: b: c" are errors; leave them to the full parser
                }

                item.Value = ParseScalarAt(line, c, indent, item.Position, out var blockConsumed);
                if (!blockConsumed)
                {
                    _li = line + 1;
                    CheckNoContinuation(indent);
                }
            }

            map.Items.Add(item);
        }

        _depth--;
        return map;
    }

    // A plain scalar may continue on more-indented lines; this parser does not fold them.
    private void CheckNoContinuation(int indent)
    {
        var save = _li;
        while (save < _lines.Length)
        {
            var line = _lines[save];
            var ind = Indent(line);
            if (ind == line.Length)
            {
                save++;
                continue;
            }

            if (line[ind] == '#' || IsDocMarker(line))
            {
                return;
            }

            if (ind > indent)
            {
                throw new GiveUp();
            }

            return;
        }
    }

    // A simple key at col: plain or quoted text followed by ':' and a space or the end of the line.
    private static bool TryKey(string text, int col, out object? key, out int after)
    {
        key = null;
        after = 0;
        var ch = text[col];
        if (ch == '"' || ch == '\'')
        {
            var end = ch == '\'' ? ScanSingle(text, col, out var sv) : ScanDouble(text, col, out sv);
            if (end < 0 || end >= text.Length || text[end] != ':' || (end + 1 < text.Length && text[end + 1] != ' '))
            {
                return false;
            }

            key = sv;
            after = end + 1;
            return true;
        }

        if (IsIndicatorStart(text, col))
        {
            return false;
        }

        for (var i = col; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                var k = text.AsSpan(col, i - col).TrimEnd(' ').ToString();
                if (k.Length == 0 || k.Length > 1000 || k == "<<")
                {
                    throw new GiveUp();
                }

                key = ScalarResolver.Resolve(k);
                after = i + 1;
                return true;
            }

            if (text[i] == '#' && text[i - 1] == ' ')
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsIndicatorStart(string text, int col)
    {
        var ch = text[col];
        if ("[]{},#&*!|>'\"%@`".Contains(ch))
        {
            return true;
        }

        return (ch == '-' || ch == '?' || ch == ':') && (col + 1 == text.Length || text[col + 1] == ' ');
    }

    // Parses a scalar (or a one-line flow collection) starting at col of line; sets blockConsumed when it consumed
    // following lines (a literal block, a multi-line quoted scalar), leaving _li on the line after it.
    private object? ParseScalarAt(int line, int col, int parentIndent, Position parent, out bool blockConsumed)
    {
        blockConsumed = false;
        var text = _lines[line];
        var ch = text[col];
        int end;
        object? value;
        if (ch == '\'' || ch == '"')
        {
            end = ch == '\'' ? ScanSingle(text, col, out var s) : ScanDouble(text, col, out s);
            if (end < 0)
            {
                if (ch == '"')
                {
                    throw new GiveUp();
                }

                end = ScanSingleLines(line, col, parentIndent, out s, out var last);
                FinishLine(last, end);
                _li = last + 1;
                CheckNoContinuation(parentIndent);
                blockConsumed = true;
                return s;
            }

            value = s;
        }
        else if (ch == '|')
        {
            value = ParseLiteral(line, col, parentIndent);
            blockConsumed = true;
            return value;
        }
        else if (ch == '[' || ch == '{')
        {
            value = ParseFlow(text, col, parent, line, out end);
        }
        else
        {
            if (IsIndicatorStart(text, col))
            {
                throw new GiveUp();
            }

            end = text.Length;
            for (var i = col + 1; i < text.Length; i++)
            {
                if (text[i] == '#' && text[i - 1] == ' ')
                {
                    end = i;
                    break;
                }

                if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
                {
                    throw new GiveUp();
                }
            }

            var plain = text.AsSpan(col, end - col).TrimEnd(' ').ToString();
            if (end == text.Length && parentIndent >= 0 && FoldPlainLines(line, parentIndent, plain, out var last) is { } folded)
            {
                _li = last + 1;
                CheckNoContinuation(parentIndent);
                blockConsumed = true;
                return ScalarResolver.Resolve(folded);
            }

            value = ScalarResolver.Resolve(plain);
        }

        FinishLine(line, end);
        return value;
    }

    // What follows a node on its last line must be spaces and an optional comment.
    private void FinishLine(int line, int end)
    {
        var text = _lines[line];
        var c = end;
        while (c < text.Length && text[c] == ' ')
        {
            c++;
        }

        if (c < text.Length)
        {
            if (text[c] != '#' || c == end)
            {
                throw new GiveUp();
            }

            _comments.Add((line + 1, c + 1));
        }
    }

    // A one-line flow sequence or mapping of plain or quoted scalars; nesting, empty entries, a trailing comma, a
    // comment or a line break inside make it give up.
    private object ParseFlow(string text, int col, Position parent, int line, out int end)
    {
        Enter();
        var isMap = text[col] == '{';
        var close = isMap ? '}' : ']';
        var position = new Position(_file, line + 1);
        object result = isMap ? new Map { Position = parent } : new YamlArray { Position = parent };
        var i = SkipSpaces(text, col + 1);
        if (i < text.Length && text[i] == close)
        {
            end = i + 1;
            _depth--;
            return result;
        }

        while (true)
        {
            var entry = FlowScalar(text, i, isMap, out i);
            if (isMap)
            {
                if (i >= text.Length || text[i] != ':' || i + 1 >= text.Length || text[i + 1] != ' ')
                {
                    throw new GiveUp();
                }

                var item = new MapItem(entry) { Position = position };
                item.Value = FlowScalar(text, SkipSpaces(text, i + 1), isMap, out i);
                ((Map)result).Items.Add(item);
            }
            else
            {
                ((YamlArray)result).Items.Add(new ArrayItem { Position = position, Value = entry });
            }

            if (i < text.Length && text[i] == ',')
            {
                i = SkipSpaces(text, i + 1);
                continue;
            }

            if (i < text.Length && text[i] == close)
            {
                end = i + 1;
                _depth--;
                return result;
            }

            throw new GiveUp();
        }
    }

    // A scalar inside a one-line flow collection; `after` is the first position past it and the spaces after it.
    private static object? FlowScalar(string text, int col, bool inMap, out int after)
    {
        if (col >= text.Length)
        {
            throw new GiveUp();
        }

        var ch = text[col];
        if (ch == '\'' || ch == '"')
        {
            var end = ch == '\'' ? ScanSingle(text, col, out var s) : ScanDouble(text, col, out s);
            if (end < 0)
            {
                throw new GiveUp();
            }

            after = SkipSpaces(text, end);
            return s;
        }

        // '-' is an indicator before a space or a flow indicator; '?' and ':' are given up on wherever they start.
        if ("[]{},#&*!|>%@`?:".Contains(ch) || (ch == '-' && (col + 1 == text.Length || " ,[]{}".Contains(text[col + 1]))))
        {
            throw new GiveUp();
        }

        var i = col;
        while (i < text.Length && text[i] is not (',' or '[' or ']' or '{' or '}' or '#' or '\'' or '"' or ':'))
        {
            i++;
        }

        if (i < text.Length && (text[i] is '[' or '{' or '#' or '\'' or '"' || (text[i] == ':' && !inMap)))
        {
            throw new GiveUp();
        }

        var plain = text.AsSpan(col, i - col).TrimEnd(' ').ToString();
        if (plain.Length == 0)
        {
            throw new GiveUp();
        }

        after = i;
        return ScalarResolver.Resolve(plain);
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    // A plain scalar that goes on over more-indented lines: each line break between text folds to a space, each
    // empty line to a line break, spaces around a break are dropped. Null when the next line does not continue it.
    // A comment ends it; a continuation that looks like a key, holds a comment or an indicator makes it give up.
    private string? FoldPlainLines(int line, int parentIndent, string first, out int lastLine)
    {
        lastLine = line;
        StringBuilder? sb = null;
        var empty = 0;
        for (var i = line + 1; i < _lines.Length; i++)
        {
            var text = _lines[i];
            var ind = Indent(text);
            if (ind == text.Length)
            {
                empty++;
                continue;
            }

            if (ind <= parentIndent || text[ind] == '#')
            {
                break;
            }

            var content = text.AsSpan(ind).TrimEnd(' ');
            if (content.Contains(": ", StringComparison.Ordinal) || content.EndsWith(':') || content.Contains(" #", StringComparison.Ordinal)
                || ((content[0] == '-' || content[0] == '?' || content[0] == ':') && (content.Length == 1 || content[1] == ' ')))
            {
                throw new GiveUp();
            }

            sb ??= new StringBuilder(first);
            sb.Append(empty == 0 ? " " : new string('\n', empty)).Append(content);
            empty = 0;
            lastLine = i;
        }

        return sb?.ToString();
    }

    // A single-quoted scalar that goes on past its first line: each line break between text folds to a space, each
    // empty line to a line break, and the spaces around a break are dropped. Continuation lines must be indented
    // past the parent and must not look like a document marker.
    private int ScanSingleLines(int line, int col, int parentIndent, out string value, out int lastLine)
    {
        var sb = new StringBuilder();
        var i = col + 1;
        var text = _lines[line];
        while (true)
        {
            var contentEnd = AppendSingle(text, i, sb);
            if (contentEnd >= 0)
            {
                value = sb.ToString();
                lastLine = line;
                return contentEnd;
            }

            // Trailing spaces before the break are not content (escaped quotes never end in a space).
            var trimmed = sb.Length;
            while (trimmed > 0 && sb[trimmed - 1] == ' ')
            {
                trimmed--;
            }

            sb.Length = trimmed;
            var empty = 0;
            while (true)
            {
                line++;
                if (line >= _lines.Length)
                {
                    throw new GiveUp();
                }

                text = _lines[line];
                var ind = Indent(text);
                if (ind < text.Length)
                {
                    if (ind <= parentIndent || (ind == 0 && (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal))))
                    {
                        throw new GiveUp();
                    }

                    i = ind;
                    break;
                }

                empty++;
            }

            sb.Append(empty == 0 ? " " : new string('\n', empty));
        }
    }

    private string ParseLiteral(int line, int col, int parentIndent)
    {
        var text = _lines[line];
        var c = col + 1;
        var chomp = 'c';
        if (c < text.Length && (text[c] == '-' || text[c] == '+'))
        {
            chomp = text[c];
            c++;
        }

        var hdrEnd = c;
        while (c < text.Length && text[c] == ' ')
        {
            c++;
        }

        if (c < text.Length)
        {
            if (text[c] != '#' || c == hdrEnd)
            {
                throw new GiveUp();
            }

            _comments.Add((line + 1, c + 1));
        }

        var minIndent = Math.Max(parentIndent + 1, 1);
        var i = line + 1;
        var contentIndent = -1;
        var sb = new StringBuilder();
        var trailingBreaks = 0;
        for (; i < _lines.Length; i++)
        {
            var l = _lines[i];
            var ind = Indent(l);
            if (ind == l.Length)
            {
                if (contentIndent >= 0 && ind > contentIndent)
                {
                    throw new GiveUp();
                }

                if (contentIndent < 0 && ind > 0)
                {
                    throw new GiveUp(); // leading blank lines with spaces: the scanners' rules for them differ in corners
                }

                trailingBreaks++;
                continue;
            }

            if (contentIndent < 0)
            {
                if (ind < minIndent)
                {
                    break;
                }

                contentIndent = ind;
            }
            else if (ind < contentIndent)
            {
                break;
            }

            if (sb.Length > 0 || trailingBreaks > 0)
            {
                sb.Append('\n', sb.Length > 0 ? trailingBreaks + 1 : trailingBreaks);
            }

            trailingBreaks = 0;
            sb.Append(l, contentIndent, l.Length - contentIndent);
        }

        _li = i;
        if (sb.Length == 0)
        {
            throw new GiveUp(); // an empty block scalar's value depends on chomping rules this parser does not model
        }

        // Trailing empty lines before the next node: the last line's break plus the empty lines.
        var trailing = trailingBreaks;
        if (i >= _lines.Length && trailing > 0)
        {
            trailing--; // text.Split leaves an empty last element for the final newline
        }
        else if (i >= _lines.Length)
        {
            return sb.ToString(); // the text ends right after the last content line: no line break to keep or clip
        }

        return chomp switch
        {
            '-' => sb.ToString(),
            '+' => sb.Append('\n', trailing + 1).ToString(),
            _ => sb.Append('\n').ToString(),
        };
    }

    private static int ScanSingle(string text, int col, out string value)
    {
        var sb = new StringBuilder();
        var end = AppendSingle(text, col + 1, sb);
        value = end < 0 ? "" : sb.ToString();
        return end;
    }

    // Appends single-quoted content from `start` ('' read as '); returns the position after the closing quote, or -1
    // when the line ends first (having appended the line's content).
    private static int AppendSingle(string text, int start, StringBuilder sb)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                sb.Append(text[i]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                sb.Append('\'');
                i++;
                continue;
            }

            return i + 1;
        }

        return -1;
    }

    private static int ScanDouble(string text, int col, out string value)
    {
        var sb = new StringBuilder();
        for (var i = col + 1; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"')
            {
                value = sb.ToString();
                return i + 1;
            }

            if (ch != '\\')
            {
                sb.Append(ch);
                continue;
            }

            if (++i >= text.Length)
            {
                break;
            }

            switch (text[i])
            {
                case '0': sb.Append('\0'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'v': sb.Append('\v'); break;
                case 'f': sb.Append('\f'); break;
                case 'r': sb.Append('\r'); break;
                case 'e': sb.Append('\x1b'); break;
                case ' ': sb.Append(' '); break;
                case '"': sb.Append('"'); break;
                case '/': sb.Append('/'); break;
                case '\\': sb.Append('\\'); break;
                case 'N': sb.Append('\u0085'); break;
                case '_': sb.Append('\u00A0'); break;
                case 'L': sb.Append('\u2028'); break;
                case 'P': sb.Append('\u2029'); break;
                case 'x' or 'u' or 'U':
                    {
                        var n = text[i] == 'x' ? 2 : text[i] == 'u' ? 4 : 8;
                        if (i + n >= text.Length || !int.TryParse(text.AsSpan(i + 1, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                        {
                            throw new GiveUp();
                        }

                        sb.Append(char.ConvertFromUtf32(cp));
                        i += n;
                        break;
                    }

                default:
                    throw new GiveUp();
            }
        }

        value = "";
        return -1;
    }
}
