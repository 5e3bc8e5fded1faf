using System.Globalization;
using System.Numerics;
using System.Text;
using Hull.Starlark.Values;

namespace Hull.Starlark.Syntax;

/// <summary>
/// Turns source text into tokens. In the standard dialect indentation yields Indent/Outdent tokens; in ytt's
/// block form (<see cref="ParseOptions.BlocksEndWithKeyword"/>) indentation is insignificant and `end` closes blocks.
/// </summary>
public sealed class Scanner
{
    private readonly string _file;
    private readonly string _src;
    private readonly bool _endMode;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth; // bracket nesting
    private bool _atLineStart = true;
    private readonly List<int> _indents = [0];
    private readonly Queue<Token> _pending = new();
    private TokenKind _last = TokenKind.Newline;

    // Generated programs (ytt templates) repeat the same few names tens of thousands of times: one string each.
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Creates a scanner over <paramref name="src"/>.</summary>
    public Scanner(string file, string src, bool endMode)
    {
        _file = file;
        _src = src;
        _endMode = endMode;
    }

    private Position Here => new(_file, _line, _pos - _lineStart + 1);

    private SyntaxError Error(Position p, string msg) => new(p, msg);

    /// <summary>Returns the next token.</summary>
    public Token Next()
    {
        var t = NextInner();
        _last = t.Kind;
        return t;
    }

    private Token Make(TokenKind k, Position p, string raw = "", object? v = null) => new(k, p, raw, v);

    private Token NextInner()
    {
        if (_pending.Count > 0) return _pending.Dequeue();
        while (true)
        {
            if (_atLineStart && _depth == 0)
            {
                // Measure indentation of the next non-blank line.
                int col = 0;
                int p = _pos;
                while (p < _src.Length)
                {
                    char c = _src[p];
                    if (c == ' ') col++;
                    else if (c == '\t') col += 8 - col % 8;
                    else if (c == '\r' || c == '\f') { }
                    else break;
                    p++;
                }
                if (p >= _src.Length)
                {
                    _pos = p;
                    return AtEof();
                }
                char ch = _src[p];
                if (ch == '\n' || ch == '#')
                {
                    // Blank or comment-only line: no tokens.
                    while (p < _src.Length && _src[p] != '\n') p++;
                    _pos = p;
                    if (p < _src.Length) { _pos++; _line++; _lineStart = _pos; }
                    continue;
                }
                if (ch == '\\' && p + 1 < _src.Length && _src[p + 1] == '\n')
                {
                    _pos = p + 2; _line++; _lineStart = _pos; _atLineStart = false; continue;
                }
                _pos = p;
                _atLineStart = false;
                if (!_endMode)
                {
                    var here = Here;
                    int top = _indents[^1];
                    if (col > top)
                    {
                        _indents.Add(col);
                        return Make(TokenKind.Indent, here);
                    }
                    if (col < top)
                    {
                        while (_indents[^1] > col)
                        {
                            _indents.RemoveAt(_indents.Count - 1);
                            _pending.Enqueue(Make(TokenKind.Outdent, here));
                        }
                        if (_indents[^1] != col) throw Error(here, "unindent does not match any outer indentation level");
                        return _pending.Dequeue();
                    }
                }
            }
            if (_pos >= _src.Length) return AtEof();
            char c0 = _src[_pos];
            if (c0 == ' ' || c0 == '\t' || c0 == '\r' || c0 == '\f') { _pos++; continue; }
            if (c0 == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n') _pos++;
                continue;
            }
            if (c0 == '\\')
            {
                if (_pos + 1 < _src.Length && _src[_pos + 1] == '\n') { _pos += 2; _line++; _lineStart = _pos; continue; }
                if (_pos + 2 < _src.Length && _src[_pos + 1] == '\r' && _src[_pos + 2] == '\n') { _pos += 3; _line++; _lineStart = _pos; continue; }
                throw Error(Here, "stray backslash in program");
            }
            if (c0 == '\n')
            {
                _pos++; _line++; _lineStart = _pos;
                var p = Here;
                if (_depth > 0) continue;
                _atLineStart = true;
                return Make(TokenKind.Newline, p);
            }
            return ScanToken();
        }
    }

    private Token AtEof()
    {
        var p = Here;
        if (_depth == 0 && _last != TokenKind.Newline && _last != TokenKind.Outdent && _last != TokenKind.Indent && _pending.Count == 0)
        {
            _pending.Enqueue(Make(TokenKind.Newline, p));
        }
        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            _pending.Enqueue(Make(TokenKind.Outdent, p));
        }
        if (_pending.Count > 0)
        {
            _pending.Enqueue(Make(TokenKind.Eof, p));
            return _pending.Dequeue();
        }
        return Make(TokenKind.Eof, p);
    }

    private char Peek(int off = 0) => _pos + off < _src.Length ? _src[_pos + off] : '\0';

    private Token ScanToken()
    {
        var start = Here;
        int s = _pos;
        char c = _src[_pos];
        if (char.IsAsciiLetter(c) || c == '_' || c > 127 && char.IsLetter(c))
        {
            if ((c == 'r' || c == 'R') && (Peek(1) == '"' || Peek(1) == '\''))
            {
                _pos++;
                return ScanString(start, s, raw: true);
            }
            while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_' || _src[_pos] > 127 && char.IsLetterOrDigit(_src[_pos]))) _pos++;
            var span = _src.AsSpan(s, _pos - s);
            var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(span, out var word))
            {
                word = span.ToString();
                lookup[span] = word;
            }
            if (TokenKinds.Keywords.TryGetValue(word, out var kw))
            {
                // ytt's dialect has no `pass` (blocks end with `end`, so an empty block needs nothing).
                if (kw == TokenKind.Pass && _endMode) throw Error(start, "use of reserved keyword 'pass' is not allowed");
                return Make(kw, start, word);
            }

            if (_endMode && word == "end") return Make(TokenKind.End, start, word);
            return Make(TokenKind.Ident, start, word, word);
        }
        if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(Peek(1))) return ScanNumber(start);
        if (c == '"' || c == '\'') return ScanString(start, s, raw: false);
        _pos++;
        TokenKind k;
        switch (c)
        {
            case '(': _depth++; k = TokenKind.LParen; break;
            case '[': _depth++; k = TokenKind.LBrack; break;
            case '{': _depth++; k = TokenKind.LBrace; break;
            case ')': Close(start, c); k = TokenKind.RParen; break;
            case ']': Close(start, c); k = TokenKind.RBrack; break;
            case '}': Close(start, c); k = TokenKind.RBrace; break;
            case ',': k = TokenKind.Comma; break;
            case ';': k = TokenKind.Semi; break;
            case ':': k = TokenKind.Colon; break;
            case '.': k = TokenKind.Dot; break;
            case '~': k = TokenKind.Tilde; break;
            case '+': k = Eat('=') ? TokenKind.PlusEq : TokenKind.Plus; break;
            case '-': k = Eat('=') ? TokenKind.MinusEq : TokenKind.Minus; break;
            case '%': k = Eat('=') ? TokenKind.PercentEq : TokenKind.Percent; break;
            case '&': k = Eat('=') ? TokenKind.AmpEq : TokenKind.Amp; break;
            case '|': k = Eat('=') ? TokenKind.PipeEq : TokenKind.Pipe; break;
            case '^': k = Eat('=') ? TokenKind.CircumflexEq : TokenKind.Circumflex; break;
            case '=': k = Eat('=') ? TokenKind.EqEq : TokenKind.Eq; break;
            case '!':
                if (!Eat('=')) throw Error(start, "unexpected input character '!'");
                k = TokenKind.Neq; break;
            case '*':
                if (Eat('*')) k = TokenKind.StarStar;
                else k = Eat('=') ? TokenKind.StarEq : TokenKind.Star;
                break;
            case '/':
                if (Eat('/')) k = Eat('=') ? TokenKind.SlashSlashEq : TokenKind.SlashSlash;
                else k = Eat('=') ? TokenKind.SlashEq : TokenKind.Slash;
                break;
            case '<':
                if (Eat('<')) k = Eat('=') ? TokenKind.LtLtEq : TokenKind.LtLt;
                else k = Eat('=') ? TokenKind.Le : TokenKind.Lt;
                break;
            case '>':
                if (Eat('>')) k = Eat('=') ? TokenKind.GtGtEq : TokenKind.GtGt;
                else k = Eat('=') ? TokenKind.Ge : TokenKind.Gt;
                break;
            default:
                throw Error(start, $"unexpected input character {Quote(c)}");
        }
        // Punctuation raw text is the kind's own text (no substring per token).
        return Make(k, start, TokenKinds.Text(k));
    }

    private void Close(Position p, char c)
    {
        if (_depth == 0) throw Error(p, $"unexpected '{c}'");
        _depth--;
    }

    private static string Quote(char c) => c < ' ' || c > '~' ? $"'\\x{(int)c:x2}'" : $"'{c}'";

    private bool Eat(char c)
    {
        if (Peek() == c) { _pos++; return true; }
        return false;
    }

    private Token ScanNumber(Position start)
    {
        int s = _pos;
        bool isFloat = false;
        if (_src[_pos] == '0' && _pos + 1 < _src.Length && "xXoObB".Contains(_src[_pos + 1]))
        {
            char kind = char.ToLowerInvariant(_src[_pos + 1]);
            _pos += 2;
            int ds = _pos;
            while (_pos < _src.Length && char.IsAsciiLetterOrDigit(_src[_pos])) _pos++;
            string digits = _src[ds.._pos];
            int b = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            if (!IntParsing.TryParseDigits(digits, b, out var big) || digits.Length == 0)
                throw Error(start, $"invalid {(b == 16 ? "hex" : b == 8 ? "octal" : "binary")} literal");
            return Make(TokenKind.Int, start, _src[s.._pos], big);
        }
        while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) _pos++;
        if (Peek() == '.') { isFloat = true; _pos++; while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) _pos++; }
        if (Peek() == 'e' || Peek() == 'E')
        {
            int save = _pos;
            _pos++;
            if (Peek() == '+' || Peek() == '-') _pos++;
            if (!char.IsAsciiDigit(Peek())) { _pos = save; }
            else { isFloat = true; while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) _pos++; }
        }
        string raw = _src[s.._pos];
        if (_pos < _src.Length && (char.IsAsciiLetter(_src[_pos]) || _src[_pos] == '_'))
            throw Error(start, $"invalid {(isFloat ? "float" : "int")} literal");
        if (isFloat)
        {
            double d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d)) throw Error(start, "floating-point literal too large");
            return Make(TokenKind.Float, start, raw, d);
        }
        if (raw.Length > 1 && raw[0] == '0')
        {
            foreach (char ch in raw)
                if (ch != '0') throw Error(start, "obsolete form of octal literal; use 0o" + raw[1..]);
        }
        IntParsing.TryParseDigits(raw, 10, out var v);
        return Make(TokenKind.Int, start, raw, v);
    }

    private Token ScanString(Position start, int s, bool raw)
    {
        char q = _src[_pos];
        bool triple = Peek(1) == q && Peek(2) == q;
        _pos += triple ? 3 : 1;
        var bytes = new List<byte>();
        Span<byte> tmp = stackalloc byte[4];
        while (true)
        {
            if (_pos >= _src.Length) throw Error(start, "unexpected EOF in string");
            char c = _src[_pos];
            if (c == q)
            {
                if (!triple) { _pos++; break; }
                if (Peek(1) == q && Peek(2) == q) { _pos += 3; break; }
                _pos++; bytes.Add((byte)c); continue;
            }
            if (c == '\n')
            {
                if (!triple) throw Error(start, "unexpected newline in string");
                _pos++; _line++; _lineStart = _pos; bytes.Add((byte)'\n'); continue;
            }
            if (c == '\\')
            {
                if (_pos + 1 >= _src.Length) throw Error(start, "unexpected EOF in string");
                char e = _src[_pos + 1];
                if (raw)
                {
                    _pos += 2;
                    if (e == '\n') { _line++; _lineStart = _pos; }
                    bytes.Add((byte)'\\');
                    AddChar(bytes, e, tmp);
                    continue;
                }
                _pos += 2;
                switch (e)
                {
                    case '\n': _line++; _lineStart = _pos; break;
                    case 'a': bytes.Add(7); break;
                    case 'b': bytes.Add(8); break;
                    case 'f': bytes.Add(12); break;
                    case 'n': bytes.Add(10); break;
                    case 'r': bytes.Add(13); break;
                    case 't': bytes.Add(9); break;
                    case 'v': bytes.Add(11); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case '\'': bytes.Add((byte)'\''); break;
                    case '"': bytes.Add((byte)'"'); break;
                    case >= '0' and <= '7':
                        {
                            int v = e - '0';
                            for (int i = 0; i < 2 && Peek() >= '0' && Peek() <= '7'; i++) v = v * 8 + (_src[_pos++] - '0');
                            if (v > 255) throw Error(start, "invalid escape sequence \\" + _src[(_pos - 3).._pos]);
                            bytes.Add((byte)v);
                            break;
                        }
                    case 'x':
                        {
                            if (_pos + 2 > _src.Length || !char.IsAsciiHexDigit(_src[_pos]) || !char.IsAsciiHexDigit(_src[_pos + 1]))
                                throw Error(start, "invalid escape sequence \\x" + _src[_pos..Math.Min(_pos + 2, _src.Length)]);
                            bytes.Add(byte.Parse(_src.AsSpan(_pos, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _pos += 2;
                            break;
                        }
                    case 'u':
                    case 'U':
                        {
                            int n = e == 'u' ? 4 : 8;
                            if (_pos + n > _src.Length || !_src.AsSpan(_pos, n).ContainsOnlyHex())
                                throw Error(start, "invalid escape sequence \\" + e);
                            int cp = int.Parse(_src.AsSpan(_pos, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                            _pos += n;
                            if (cp > 0x10FFFF || cp >= 0xD800 && cp < 0xE000) throw Error(start, $"invalid Unicode code point U+{cp:X4}");
                            int len = new Rune(cp).EncodeToUtf8(tmp);
                            for (int i = 0; i < len; i++) bytes.Add(tmp[i]);
                            break;
                        }
                    default:
                        // Unknown escapes are kept literally, as in Python 2 and ytt's Starlark.
                        bytes.Add((byte)'\\');
                        AddChar(bytes, e, tmp);
                        break;
                }
                continue;
            }
            _pos++;
            if (char.IsHighSurrogate(c) && _pos < _src.Length && char.IsLowSurrogate(_src[_pos]))
            {
                int len = new Rune(c, _src[_pos++]).EncodeToUtf8(tmp);
                for (int i = 0; i < len; i++) bytes.Add(tmp[i]);
            }
            else AddChar(bytes, c, tmp);
        }
        return Make(TokenKind.String, start, _src[s.._pos], ByteString.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)));
    }

    private static void AddChar(List<byte> bytes, char c, Span<byte> tmp)
    {
        if (c < 0x80) { bytes.Add((byte)c); return; }
        if (char.IsSurrogate(c)) c = '\uFFFD';
        int len = new Rune(c).EncodeToUtf8(tmp);
        for (int i = 0; i < len; i++) bytes.Add(tmp[i]);
    }
}

internal static class HexExtensions
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
