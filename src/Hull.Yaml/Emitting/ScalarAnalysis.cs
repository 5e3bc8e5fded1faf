namespace Hull.Yaml.Emitting;

/// <summary>libyaml's scalar analysis as go-yaml v2 runs it: which styles can hold a string unchanged.</summary>
internal readonly struct ScalarAnalysis
{
    public bool Multiline { get; init; }
    public bool BlockPlainAllowed { get; init; }
    public bool SingleQuotedAllowed { get; init; }
    public bool BlockAllowed { get; init; }

    public static bool IsPrintable(int cp) =>
        cp == 0x0A || (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);

    public static bool IsBreak(int cp) => cp is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsBlank(string s, int i) => i < s.Length && (s[i] == ' ' || s[i] == '\t');

    private static bool IsBlankZ(int cp) => cp is ' ' or '\t' or 0 || IsBreak(cp);

    public static ScalarAnalysis Analyze(string value)
    {
        if (value.Length == 0)
        {
            return new ScalarAnalysis { Multiline = false, BlockPlainAllowed = true, SingleQuotedAllowed = true, BlockAllowed = false };
        }

        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (value.Length >= 3 && ((value[0] == '-' && value[1] == '-' && value[2] == '-') || (value[0] == '.' && value[1] == '.' && value[2] == '.')))
        {
            blockIndicators = true;
            flowIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < value.Length;)
        {
            int cp;
            int w;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                cp = char.ConvertToUtf32(value[i], value[i + 1]);
                w = 2;
            }
            else
            {
                cp = value[i];
                w = 1;
            }

            var last = i + w >= value.Length;
            var followedByWhitespace = last || IsBlank(value, i + w);
            if (i == 0)
            {
                switch (cp)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        flowIndicators = true;
                        blockIndicators = true;
                        break;
                    case '?' or ':':
                        flowIndicators = true;
                        if (followedByWhitespace)
                        {
                            blockIndicators = true;
                        }

                        break;
                    case '-':
                        if (followedByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }

                        break;
                }
            }
            else
            {
                switch (cp)
                {
                    case ',' or '?' or '[' or ']' or '{' or '}':
                        flowIndicators = true;
                        break;
                    case ':':
                        flowIndicators = true;
                        if (followedByWhitespace)
                        {
                            blockIndicators = true;
                        }

                        break;
                    case '#':
                        if (precededByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }

                        break;
                }
            }

            if (!IsPrintable(cp))
            {
                special = true;
            }

            if (cp == ' ')
            {
                if (i == 0)
                {
                    leadingSpace = true;
                }

                if (last)
                {
                    trailingSpace = true;
                }

                if (previousBreak)
                {
                    breakSpace = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(cp))
            {
                lineBreaks = true;
                if (i == 0)
                {
                    leadingBreak = true;
                }

                if (last)
                {
                    trailingBreak = true;
                }

                if (previousSpace)
                {
                    spaceBreak = true;
                }

                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = IsBlankZ(cp);
            i += w;
        }

        bool blockPlain = true, singleQuoted = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            blockPlain = false;
        }

        if (trailingSpace)
        {
            block = false;
        }

        if (breakSpace)
        {
            blockPlain = false;
            singleQuoted = false;
        }

        if (spaceBreak || special)
        {
            blockPlain = false;
            singleQuoted = false;
            block = false;
        }

        if (lineBreaks)
        {
            blockPlain = false;
        }

        if (blockIndicators)
        {
            blockPlain = false;
        }

        _ = flowIndicators; // only matters inside flow collections, which ytt never emits
        return new ScalarAnalysis { Multiline = lineBreaks, BlockPlainAllowed = blockPlain, SingleQuotedAllowed = singleQuoted, BlockAllowed = block };
    }
}
