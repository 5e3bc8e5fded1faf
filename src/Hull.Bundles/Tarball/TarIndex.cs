using System.Text;

namespace Hull.Bundles.Tarball;

/// <summary>Where one entry's bytes are inside a tar file.</summary>
/// <param name="Name">The entry name.</param>
/// <param name="Offset">The offset of the first data byte.</param>
/// <param name="Size">The data size.</param>
/// <param name="Complete">False when the file ends before the entry's data does.</param>
public sealed record TarIndexEntry(string Name, long Offset, long Size, bool Complete);

/// <summary>The entries of a tar and whether its end-of-archive marker was reached (false: the file is cut short).</summary>
/// <param name="Entries">The regular-file entries in order.</param>
/// <param name="Ended">True when the archive ends with its zero blocks.</param>
public sealed record TarListing(List<TarIndexEntry> Entries, bool Ended);

/// <summary>
/// Lists the regular-file entries of an uncompressed tar by seeking from header to header, so a multi-gigabyte
/// tarball is indexed without reading its data. Understands USTAR, PAX <c>path</c> records and GNU long names.
/// </summary>
public static class TarIndex
{
    private const int Block = 512;

    /// <summary>Indexes <paramref name="file"/>; entries cut off by the end of the file are returned as incomplete.</summary>
    public static List<TarIndexEntry> Read(Stream file) => List(file).Entries;

    /// <summary>Indexes <paramref name="file"/> and reports whether the archive is complete.</summary>
    public static TarListing List(Stream file)
    {
        var entries = new List<TarIndexEntry>();
        var header = new byte[Block];
        string? longName = null;
        long position = 0;
        long length = file.Length;
        while (position + Block <= length)
        {
            file.Position = position;
            file.ReadExactly(header);
            if (header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                return new TarListing(entries, true);
            }
            if (!ChecksumOk(header))
            {
                throw new BundleException($"Reading tarball: invalid tar header at offset {position} (the file is not a tar or is corrupt)");
            }
            long size = ParseNumber(header.AsSpan(124, 12));
            byte type = header[156];
            long dataOffset = position + Block;
            long next = dataOffset + (size + Block - 1) / Block * Block;
            bool complete = dataOffset + size <= length;
            switch (type)
            {
                case (byte)'x' or (byte)'L':
                    if (!complete || size > 1 << 20)
                    {
                        return new TarListing(entries, false);
                    }
                    var data = new byte[size];
                    file.Position = dataOffset;
                    file.ReadExactly(data);
                    longName = type == 'L' ? Encoding.UTF8.GetString(data).TrimEnd('\0') : PaxPath(data) ?? longName;
                    break;
                case (byte)'0' or 0 or (byte)'7':
                    entries.Add(new TarIndexEntry(longName ?? Name(header), dataOffset, size, complete));
                    longName = null;
                    break;
                default:
                    longName = null;
                    break;
            }
            position = next;
        }
        return new TarListing(entries, false);
    }

    private static string Name(byte[] header)
    {
        string name = CString(header.AsSpan(0, 100));
        bool ustar = header.AsSpan(257, 5).SequenceEqual("ustar"u8);
        string prefix = ustar ? CString(header.AsSpan(345, 155)) : "";
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private static string? PaxPath(byte[] data)
    {
        string? path = null;
        int i = 0;
        while (i < data.Length)
        {
            int space = Array.IndexOf(data, (byte)' ', i);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(data, i, space - i), out int len) || len <= 0 || i + len > data.Length)
            {
                break;
            }
            string record = Encoding.UTF8.GetString(data, space + 1, i + len - space - 2);
            if (record.StartsWith("path=", StringComparison.Ordinal))
            {
                path = record[5..];
            }
            i += len;
        }
        return path;
    }

    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            // GNU base-256 for sizes beyond 8 GiB.
            long v = field[0] & 0x7f;
            for (int i = 1; i < field.Length; i++)
            {
                v = (v << 8) | field[i];
            }
            return v;
        }
        long value = 0;
        foreach (byte b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (value > 0)
                {
                    break;
                }
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7')
            {
                throw new BundleException("Reading tarball: invalid number in tar header");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static bool ChecksumOk(byte[] header)
    {
        long stored = ParseNumber(header.AsSpan(148, 8));
        long sum = 0;
        for (int i = 0; i < Block; i++)
        {
            sum += i is >= 148 and < 156 ? ' ' : header[i];
        }
        return sum == stored;
    }
}
