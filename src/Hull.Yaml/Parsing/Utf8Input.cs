using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Hull.Yaml;

/// <summary>
/// Input bytes as text, refusing invalid UTF-8 with go-yaml's reader errors ("invalid leading UTF-8 octet") instead of
/// silently replacing it with U+FFFD as .NET's decoders do, so a corrupt template, values file or manifest fails
/// where ytt and kbld fail rather than rendering changed text.
/// </summary>
public static class Utf8Input
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes <paramref name="bytes"/> read from <paramref name="name"/>; a leading byte order mark is dropped when
    /// <paramref name="dropByteOrderMark"/> (as File.ReadAllText does) and kept as U+FEFF otherwise.
    /// </summary>
    /// <exception cref="YamlException">The bytes are not valid UTF-8 (the message names the line, not the file).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string? name, bool dropByteOrderMark = true)
    {
        // Validation is vectorised; the slow scan below only runs to describe a failure.
        if (!Utf8.IsValid(bytes)) throw Invalid(bytes, name);
        if (dropByteOrderMark && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        return s_strict.GetString(bytes);
    }

    /// <summary>Reads a whole file as UTF-8 text (byte order mark dropped).</summary>
    /// <exception cref="YamlException">The file is not valid UTF-8.</exception>
    public static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);

    /// <summary>Reads a stream to its end as UTF-8 text (byte order mark dropped).</summary>
    /// <exception cref="YamlException">The stream is not valid UTF-8.</exception>
    public static async Task<string> ReadStreamAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name);
    }

    // go-yaml's reader (yaml_parser_update_buffer): the first problem and its kind, with the line it is on.
    private static YamlException Invalid(ReadOnlySpan<byte> bytes, string? name)
    {
        int i = 0;
        string problem = "invalid leading UTF-8 octet";
        while (i < bytes.Length)
        {
            byte octet = bytes[i];
            int width = (octet & 0x80) == 0 ? 1 : (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3 : (octet & 0xF8) == 0xF0 ? 4 : 0;
            if (width == 0) break;
            if (i + width > bytes.Length)
            {
                problem = "incomplete UTF-8 octet sequence";
                break;
            }
            int value = width switch { 1 => octet, 2 => octet & 0x1F, 3 => octet & 0x0F, _ => octet & 0x07 };
            bool trailing = true;
            for (int k = 1; k < width; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    trailing = false;
                    break;
                }
                value = (value << 6) + (bytes[i + k] & 0x3F);
            }
            if (!trailing)
            {
                problem = "invalid trailing UTF-8 octet";
                break;
            }
            if (!(width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000)))
            {
                problem = "invalid length of a UTF-8 sequence";
                break;
            }
            if (value is >= 0xD800 and <= 0xDFFF || value > 0x10FFFF)
            {
                problem = "invalid Unicode character";
                break;
            }
            i += width;
        }
        int line = bytes[..Math.Min(i, bytes.Length)].Count((byte)'\n') + 1;
        return new YamlException("yaml: line " + line.ToString(CultureInfo.InvariantCulture) + ": " + problem, new Position(name, line));
    }
}
