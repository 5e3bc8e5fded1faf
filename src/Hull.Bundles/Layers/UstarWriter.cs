using System.Buffers;
using System.Globalization;
using System.Text;

namespace Hull.Bundles.Layers;

/// <summary>
/// Writes tar archives the way Go's archive/tar writes imgpkg layers: USTAR headers with octal fields,
/// zero uid/gid/mtime and empty owner names, a PAX record only for names USTAR cannot hold, and a two-block
/// end marker with no record padding. Byte-for-byte the same headers for the same entries, always.
/// </summary>
public sealed class UstarWriter
{
    private const int Block = 512;
    private readonly Stream _output;

    /// <summary>Creates a writer over <paramref name="output"/>; the caller owns the stream.</summary>
    public UstarWriter(Stream output) => _output = output;

    /// <summary>Writes a directory entry.</summary>
    public void WriteDirectory(string name, int mode) => WriteHeader(name, mode, 0, (byte)'5');

    /// <summary>Writes a regular file entry, copying exactly <paramref name="size"/> bytes from <paramref name="content"/>.</summary>
    public async Task WriteFileAsync(string name, int mode, long size, Stream content, CancellationToken cancellationToken)
    {
        WriteHeader(name, mode, size, (byte)'0');
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long left = size;
            while (left > 0)
            {
                int n = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException($"'{name}' changed while it was being archived: expected {size} bytes, got {size - left}");
                }
                await _output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                left -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Pad(size);
    }

    /// <summary>Writes only the header of a regular file; the caller writes the data and padding itself.</summary>
    public void WriteFileHeader(string name, int mode, long size) => WriteHeader(name, mode, size, (byte)'0');

    /// <summary>The number of bytes a data section of <paramref name="size"/> bytes occupies, padding included.</summary>
    public static long Padded(long size) => (size + Block - 1) / Block * Block;

    /// <summary>Writes the end-of-archive marker (two zero blocks).</summary>
    public void Finish() => _output.Write(new byte[Block * 2]);

    private void WriteHeader(string name, int mode, long size, byte typeflag)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        string ustarName = name;
        string prefix = "";
        bool needsPax = !IsAscii(nameBytes);
        if (!needsPax && nameBytes.Length > 100 && !TrySplit(name, out prefix, out ustarName))
        {
            needsPax = true;
        }
        if (needsPax)
        {
            WritePaxRecord(name);
            ustarName = Truncate(name, 100);
            prefix = "";
        }

        var header = new byte[Block];
        PutString(header.AsSpan(0, 100), ustarName);
        PutOctal(header.AsSpan(100, 8), mode);
        PutOctal(header.AsSpan(108, 8), 0);
        PutOctal(header.AsSpan(116, 8), 0);
        PutOctal(header.AsSpan(124, 12), size);
        PutOctal(header.AsSpan(136, 12), 0);
        header[156] = typeflag;
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        PutOctal(header.AsSpan(329, 8), 0);
        PutOctal(header.AsSpan(337, 8), 0);
        PutString(header.AsSpan(345, 155), prefix);
        SetChecksum(header);
        _output.Write(header);
    }

    private void WritePaxRecord(string name)
    {
        // A PAX record is "LEN path=VALUE\n" where LEN counts its own digits.
        int body = Encoding.UTF8.GetByteCount(name) + " path=\n".Length;
        int len = body + 1;
        while (len.ToString(CultureInfo.InvariantCulture).Length + body > len)
        {
            len++;
        }
        byte[] record = Encoding.UTF8.GetBytes($"{len} path={name}\n");
        string dir = Path.GetDirectoryName(name)?.Replace('\\', '/') ?? "";
        string paxName = Truncate((dir.Length > 0 ? dir + "/" : "") + "PaxHeaders.0/" + Path.GetFileName(name), 100);
        var header = new byte[Block];
        PutString(header.AsSpan(0, 100), AsciiOnly(paxName));
        PutOctal(header.AsSpan(100, 8), 0);
        PutOctal(header.AsSpan(108, 8), 0);
        PutOctal(header.AsSpan(116, 8), 0);
        PutOctal(header.AsSpan(124, 12), record.Length);
        PutOctal(header.AsSpan(136, 12), 0);
        header[156] = (byte)'x';
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        PutOctal(header.AsSpan(329, 8), 0);
        PutOctal(header.AsSpan(337, 8), 0);
        SetChecksum(header);
        _output.Write(header);
        _output.Write(record);
        Pad(record.Length);
    }

    private void Pad(long size)
    {
        int rem = (int)(size % Block);
        if (rem != 0)
        {
            _output.Write(new byte[Block - rem]);
        }
    }

    private static bool TrySplit(string name, out string prefix, out string rest)
    {
        prefix = "";
        rest = name;
        int length = name.Length;
        // USTAR splits at a slash: prefix up to 155 bytes, name up to 100 bytes, neither empty.
        for (int i = Math.Min(length - 1, 155); i > 0; i--)
        {
            if (name[i] == '/' && length - i - 1 <= 100 && length - i - 1 > 0)
            {
                prefix = name[..i];
                rest = name[(i + 1)..];
                return true;
            }
        }
        return false;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b >= 0x80 || b == 0)
            {
                return false;
            }
        }
        return true;
    }

    private static string AsciiOnly(string s) => new(s.Select(c => c < 0x80 ? c : '_').ToArray());

    private static string Truncate(string s, int max) => Encoding.UTF8.GetByteCount(s) <= max ? s : AsciiOnly(s)[..Math.Min(s.Length, max)];

    private static void PutString(Span<byte> field, string value)
    {
        int n = Encoding.UTF8.GetBytes(value, field);
        if (n < field.Length)
        {
            field[n] = 0;
        }
    }

    // Go pads octal numbers with zeros to the field width minus one and ends them with NUL.
    private static void PutOctal(Span<byte> field, long value)
    {
        string digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(digits, field);
        field[digits.Length] = 0;
    }

    private static void SetChecksum(byte[] header)
    {
        header.AsSpan(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in header)
        {
            sum += b;
        }
        // Go writes six octal digits, NUL, then leaves the trailing space.
        string digits = Convert.ToString(sum, 8).PadLeft(6, '0');
        Encoding.ASCII.GetBytes(digits, header.AsSpan(148, 6));
        header[154] = 0;
    }
}
