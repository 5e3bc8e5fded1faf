using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Hull.Yaml.Parsing;

namespace Hull.Yaml;

/// <summary>Parses YAML text into ytt's node model with go-yaml v2 semantics.</summary>
public static class YamlParser
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>Parses a stream. <paramref name="fileName"/> names positions (`stdin`, `config.yml`).</summary>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static DocumentSet Parse(string text, string fileName, YamlParseOptions? options = null)
    {
        options ??= YamlParseOptions.Default;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        // Most templates are plain block YAML; the hand-written parser reads those several times faster and gives
        // up (returning false) on anything else, which the complete parser below then handles.
        if (!options.Strict && BlockFastParser.TryParse(text, fileName, !options.WithoutComments, StartsWithDocMarker(text), out var fast))
        {
            return fast!;
        }

        return ParseFull(text, fileName, options);
    }

    /// <summary>The complete parser over YamlDotNet's events (the reference the fast parser must agree with).</summary>
    internal static DocumentSet ParseFull(string text, string fileName, YamlParseOptions options)
    {
        // ytt prepends a document marker when the text does not start with one, so the first document always
        // has one; line numbers are corrected back.
        var prepended = !StartsWithDocMarker(text);
        var source = prepended ? "---\n" + text : text;
        var tap = new TokenTap(new Scanner(new StringReader(source), skipComments: options.WithoutComments));
        var builder = new Builder(new Parser(tap), tap, fileName, prepended ? 1 : 0) { Strict = options.Strict };
        DocumentSet set;
        try
        {
            set = builder.Build();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw Translate(e, fileName, prepended ? 1 : 0);
        }
        catch (InvalidOperationException) when (tap.OpenFlow is { } flow)
        {
            // YamlDotNet's scanner fails this way on a flow collection left open across lines; libyaml reports
            // the line where the collection starts.
            var line = flow.Line - (prepended ? 1 : 0);
            throw new YamlException($"yaml: line {line.ToString(CultureInfo.InvariantCulture)}: did not find expected ',' or '{flow.Close}'", new Position(fileName, line));
        }

        if (!options.WithoutComments && tap.Comments.Count > 0)
        {
            CommentAssigner.Assign(set, tap.Comments, source, prepended ? 1 : 0, fileName, builder.DocLines);
        }

        return set;
    }

    private static bool StartsWithDocMarker(string text)
    {
        // \A\s*---\s+
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i + 3 < text.Length && text[i] == '-' && text[i + 1] == '-' && text[i + 2] == '-' && char.IsWhiteSpace(text[i + 3]);
    }

    private static YamlException Translate(YamlDotNet.Core.YamlException e, string fileName, int correction)
    {
        var msg = e.Message;
        // YamlDotNet words errors as "While scanning X, found Y." — libyaml says "found Y".
        var comma = msg.StartsWith("While ", StringComparison.Ordinal) ? msg.IndexOf(", ", StringComparison.Ordinal) : -1;
        if (comma > 0)
        {
            msg = msg[(comma + 2)..];
        }

        msg = msg.TrimEnd('.');
        if (msg.Length > 0)
        {
            msg = char.ToLowerInvariant(msg[0]) + msg[1..];
        }

        // go-yaml reports scanner errors at the 1-based line and parser errors at the 0-based one.
        var line = (int)e.Start.Line - correction - (e is SemanticErrorException ? 1 : 0);
        var where = line > 0 ? "line " + line.ToString(CultureInfo.InvariantCulture) + ": " : "";
        return new YamlException("yaml: " + where + msg, new Position(fileName, Math.Max(line, 0)));
    }

    private sealed class Builder
    {
        private readonly IParser _parser;
        private readonly TokenTap _tap;
        private readonly string _file;
        private readonly int _correction;
        private Dictionary<string, (object? Value, long Size)>? _anchors;
        private Dictionary<string, long>? _openAnchors; // anchor name -> _nodes when it opened
        private int _depth;
        private long _nodes; // values built in this document, aliases counted at their expanded size
        private long _aliasNodes; // of which built by expanding aliases

        public Builder(IParser parser, TokenTap tap, string file, int correction)
        {
            _parser = parser;
            _tap = tap;
            _file = file;
            _correction = correction;
        }

        /// <summary>Whether ambiguous plain scalars are errors (ytt's strict subset).</summary>
        public bool Strict { get; init; }

        /// <summary>Line of each document's start marker (0 for the prepended one).</summary>
        public List<int> DocLines { get; } = new();

        public DocumentSet Build()
        {
            var set = new DocumentSet();
            Next();
            Expect<StreamStart>();
            Next();
            while (_parser.Current is DocumentStart ds)
            {
                var line = Line(ds.Start);
                DocLines.Add(line);
                _anchors = null;
                _openAnchors = null;
                _nodes = 0;
                _aliasNodes = 0;
                Next();
                var doc = new Document();
                doc.Position = new Position(_file, line > 0 ? line : 1);
                doc.Value = ParseValue(doc.Position);
                Expect<DocumentEnd>();
                Next();
                set.Items.Add(doc);
            }

            Expect<StreamEnd>();
            return set;
        }

        private int Line(Mark m) => (int)m.Line - _correction;

        private void Next()
        {
            if (!_parser.MoveNext())
            {
                throw new YamlException("yaml: unexpected end of stream");
            }
        }

        private void Expect<T>()
            where T : ParsingEvent
        {
            if (_parser.Current is not T)
            {
                throw new YamlException("yaml: expected " + typeof(T).Name + " event but got " + _parser.Current?.GetType().Name);
            }
        }

        // Parses the node at the current event and leaves the parser on the event after it.
        private object? ParseValue(Position parent)
        {
            var ev = _parser.Current!;
            _nodes++;
            switch (ev)
            {
                case Scalar s:
                    {
                        if (Strict && s.Tag.IsEmpty && s.Style == ScalarStyle.Plain)
                        {
                            StrictScalars.Check(s.Value, ScalarResolver.ResolveTag(s.Value, out _), new Position(_file, Line(s.Start)));
                        }

                        var value = ScalarValue(s);
                        Remember(s.Anchor, value, 1);
                        Next();
                        return value;
                    }

                case AnchorAlias a:
                    {
                        var name = a.Value.Value;
                        if (_openAnchors is not null && _openAnchors.ContainsKey(name))
                        {
                            throw new YamlException("yaml: anchor '" + name + "' value contains itself");
                        }

                        if (_anchors is null || !_anchors.TryGetValue(name, out var target))
                        {
                            throw new YamlException("yaml: unknown anchor '" + name + "' referenced");
                        }

                        CheckAliasing(target.Size, a.Start);
                        Next();
                        return Node.CopyValue(target.Value);
                    }

                case SequenceStart ss:
                    {
                        Enter(ss.Start);
                        var arr = new YamlArray { Position = parent };
                        Open(ss.Anchor);
                        var block = ss.Style != YamlDotNet.Core.Events.SequenceStyle.Flow;
                        Next();
                        while (_parser.Current is not SequenceEnd)
                        {
                            var itemLine = block && _tap.BlockEntryLines.Count > 0 ? _tap.BlockEntryLines.Dequeue() - _correction : Line(_parser.Current!.Start);
                            var item = new ArrayItem { Position = new Position(_file, itemLine) };
                            item.Value = ParseValue(item.Position);
                            arr.Items.Add(item);
                        }

                        Next();
                        _depth--;
                        Close(ss.Anchor, arr);
                        return arr;
                    }

                case MappingStart ms:
                    {
                        Enter(ms.Start);
                        var map = new Map { Position = parent };
                        Open(ms.Anchor);
                        Next();
                        while (_parser.Current is not MappingEnd)
                        {
                            var keyEvent = _parser.Current!;
                            if (keyEvent is Scalar ks && IsMerge(ks))
                            {
                                Next();
                                Merge(map, parent);
                                continue;
                            }

                            var item = new MapItem(null) { Position = new Position(_file, Line(keyEvent.Start)) };
                            var key = ParseValue(item.Position);
                            if (key is Node)
                            {
                                throw new YamlException("yaml: line " + item.Position.Line.ToString(CultureInfo.InvariantCulture) + ": invalid map key", item.Position);
                            }

                            item.Key = key;
                            item.Value = ParseValue(item.Position);
                            map.Items.Add(item);
                        }

                        Next();
                        _depth--;
                        Close(ms.Anchor, map);
                        return map;
                    }

                default:
                    throw new YamlException("yaml: unexpected " + ev.GetType().Name);
            }
        }

        private void Enter(Mark start)
        {
            if (++_depth > NestingLimit.MaxDepth)
            {
                throw NestingLimit.TooDeep(new Position(_file, Math.Max(Line(start), 1)));
            }
        }

        private static bool IsMerge(Scalar s) =>
            s.Value == "<<" && ((s.Tag.IsEmpty && s.Style == ScalarStyle.Plain) || (!s.Tag.IsEmpty && s.Tag.Value == TagPrefix + "merge"));

        private void Merge(Map into, Position parent)
        {
            var isAlias = _parser.Current is AnchorAlias;
            var value = ParseValue(parent);
            switch (value)
            {
                case Map m:
                    into.Items.AddRange(m.Items);
                    return;
                case YamlArray a when !isAlias:
                    // go-yaml v2 decodes each element into the same slice, last to first, so the first element wins.
                    foreach (var item in a.Items)
                    {
                        if (item.Value is not Map)
                        {
                            throw new YamlException("yaml: map merge requires map or sequence of maps as the value");
                        }
                    }

                    if (a.Items.Count > 0)
                    {
                        into.Items.AddRange(((Map)a.Items[0].Value!).Items);
                    }

                    return;
                default:
                    throw new YamlException("yaml: map merge requires map or sequence of maps as the value");
            }
        }

        // Every alias is a deep copy, so nested aliases ("billion laughs") grow exponentially; like go-yaml v2.2.8+,
        // a document mostly made of expanded aliases is refused before it exhausts memory.
        private void CheckAliasing(long size, Mark at)
        {
            _nodes += size - 1;
            _aliasNodes += size;
            if (_aliasNodes > 100 && _nodes > 1000 && (double)_aliasNodes / _nodes > AllowedAliasRatio(_nodes))
            {
                var line = Math.Max(Line(at), 1);
                throw new YamlException("yaml: line " + line.ToString(CultureInfo.InvariantCulture) + ": document contains excessive aliasing", new Position(_file, line));
            }
        }

        private static double AllowedAliasRatio(long nodes) => nodes switch
        {
            <= 400_000 => 0.99,
            >= 4_000_000 => 0.10,
            _ => 0.99 - (0.89 * (nodes - 400_000) / 3_600_000.0),
        };

        private void Remember(AnchorName anchor, object? value, long size)
        {
            if (!anchor.IsEmpty)
            {
                (_anchors ??= new())[anchor.Value] = (value, size);
            }
        }

        private void Open(AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                (_openAnchors ??= new())[anchor.Value] = _nodes;
            }
        }

        private void Close(AnchorName anchor, object value)
        {
            if (!anchor.IsEmpty)
            {
                _openAnchors!.Remove(anchor.Value, out var start);
                Remember(anchor, value, _nodes - start + 1);
            }
        }

        private static object? ScalarValue(Scalar s)
        {
            if (s.Tag.IsEmpty)
            {
                return s.Style == ScalarStyle.Plain ? ScalarResolver.Resolve(s.Value) : s.Value;
            }

            var tag = s.Tag.Value;
            if (!tag.StartsWith(TagPrefix, StringComparison.Ordinal))
            {
                return s.Value; // "!" and custom tags: the text
            }

            var shortTag = tag[TagPrefix.Length..];
            switch (shortTag)
            {
                case "str":
                    return s.Value;
                case "binary":
                    try
                    {
                        return Encoding.UTF8.GetString(Convert.FromBase64String(s.Value));
                    }
                    catch (FormatException)
                    {
                        throw new YamlException("yaml: !!binary value contains invalid base64 data");
                    }

                case "int" or "float" or "bool" or "null" or "timestamp":
                    {
                        var rtag = ScalarResolver.ResolveTag(s.Value, out var value);
                        if (rtag == ScalarTag.Timestamp && shortTag != "timestamp")
                        {
                            // go-yaml only tries timestamps for untagged or !!timestamp scalars.
                            var plain = s.Value.Replace("_", "", StringComparison.Ordinal);
                            rtag = ScalarResolver.ResolveTag("+" + plain, out value) == ScalarTag.Int ? ScalarTag.Int : ScalarTag.Str;
                            value = rtag == ScalarTag.Str ? s.Value : value;
                        }

                        var want = shortTag switch
                        {
                            "int" => ScalarTag.Int,
                            "float" => ScalarTag.Float,
                            "bool" => ScalarTag.Bool,
                            "null" => ScalarTag.Null,
                            _ => ScalarTag.Timestamp,
                        };
                        if (rtag == want)
                        {
                            return rtag == ScalarTag.Timestamp ? s.Value : value;
                        }

                        if (want == ScalarTag.Float && rtag == ScalarTag.Int)
                        {
                            return value is long l ? (double)l : (double)(System.Numerics.BigInteger)value!;
                        }

                        throw new YamlException("yaml: cannot decode !!" + TagName(rtag) + " `" + s.Value + "` as a !!" + shortTag);
                    }

                default:
                    return s.Value;
            }
        }

        private static string TagName(ScalarTag t) => t switch
        {
            ScalarTag.Int => "int",
            ScalarTag.Float => "float",
            ScalarTag.Bool => "bool",
            ScalarTag.Null => "null",
            ScalarTag.Timestamp => "timestamp",
            ScalarTag.Merge => "merge",
            _ => "str",
        };
    }
}
