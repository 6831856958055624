// SPDX-License-Identifier: GPL-3.0-or-later
#include "zipwalk.h"

#include <set>

namespace quarry::evidence {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50,
                   kZip64EndSig = 0x06064b50, kZip64LocatorSig = 0x07064b50,
                   kDescriptorSig = 0x08074b50;
constexpr uint64_t kLocalLen = 30, kCentralLen = 46, kEndLen = 22, kZip64EndLen = 56,
                   kZip64LocatorLen = 20;
// Encrypted (bit 0), strong encryption (6), masked local header (13): never in a bundle.
constexpr uint16_t kRefusedFlags = (1u << 0) | (1u << 6) | (1u << 13);

class Reader {
public:
    Reader(const unsigned char* d, uint64_t n) : d_(d), n_(n) {}
    bool has(uint64_t at, uint64_t len) const { return at <= n_ && len <= n_ - at; }
    uint16_t u16(uint64_t at) const { return uint16_t(d_[at] | (d_[at + 1] << 8)); }
    uint32_t u32(uint64_t at) const { return uint32_t(u16(at)) | (uint32_t(u16(at + 2)) << 16); }
    uint64_t u64(uint64_t at) const { return uint64_t(u32(at)) | (uint64_t(u32(at + 4)) << 32); }
    QByteArray bytes(uint64_t at, uint64_t len) const {
        return QByteArray(reinterpret_cast<const char*>(d_ + at), static_cast<qsizetype>(len));
    }

private:
    const unsigned char* d_;
    uint64_t n_;
};

// The Zip64 extended information extra field (id 0x0001): replaces, in this order, the 32-bit
// fields that hold 0xFFFFFFFF. Returns false when the field is needed but absent or short.
bool applyZip64(const Reader& r, uint64_t extra, uint64_t extraLen, uint64_t* usize,
                uint64_t* csize, uint64_t* offset) {
    const bool need =
        *usize == 0xFFFFFFFFu || *csize == 0xFFFFFFFFu || (offset && *offset == 0xFFFFFFFFu);
    uint64_t at = extra;
    const uint64_t end = extra + extraLen;
    while (at + 4 <= end) {
        const uint16_t id = r.u16(at), len = r.u16(at + 2);
        if (at + 4 + len > end) return false;
        if (id == 0x0001) {
            uint64_t p = at + 4;
            const uint64_t stop = p + len;
            for (uint64_t* v : {usize, csize, offset}) {
                if (!v || *v != 0xFFFFFFFFu) continue;
                if (p + 8 > stop) return false;
                *v = r.u64(p);
                p += 8;
            }
            return true;
        }
        at += 4 + len;
    }
    return at == end && !need;
}

}  // namespace

ZipWalk walkZip(const unsigned char* data, uint64_t size) {
    ZipWalk w;
    const Reader r(data, size);
    auto fail = [&](uint64_t at, const QString& why) {
        w.error = QStringLiteral("ZIP structure: %1 (at byte %2)").arg(why).arg(at);
        w.entries.clear();
        return w;
    };

    // 1. The end record is the last 22 bytes: no comment, nothing after it.
    if (size < kEndLen) return fail(0, QStringLiteral("too short to be a ZIP archive"));
    const uint64_t endAt = size - kEndLen;
    if (r.u32(endAt) != kEndSig) {
        for (uint64_t back = 1; back <= 65535 + 64 && back <= endAt; ++back)
            if (r.u32(endAt - back) == kEndSig)
                return fail(
                    endAt - back,
                    QStringLiteral(
                        "%1 bytes after the archive's end record (appended data or a comment)")
                        .arg(back));
        return fail(endAt,
                    QStringLiteral("no end-of-central-directory record at the end of the file"));
    }
    if (r.u16(endAt + 4) != 0 || r.u16(endAt + 6) != 0)
        return fail(endAt, QStringLiteral("multi-disk archive"));
    if (r.u16(endAt + 20) != 0)
        return fail(endAt, QStringLiteral("the end record carries a comment"));
    uint64_t count = r.u16(endAt + 10), cdSize = r.u32(endAt + 12), cdOffset = r.u32(endAt + 16);
    if (r.u16(endAt + 8) != count)
        return fail(endAt, QStringLiteral("entry counts of the end record disagree"));
    uint64_t cdEnd = endAt;

    // 2. Zip64: the locator just before the end record points at the Zip64 end record, which
    // ends exactly where the locator starts.
    if (endAt >= kZip64LocatorLen && r.u32(endAt - kZip64LocatorLen) == kZip64LocatorSig) {
        const uint64_t loc = endAt - kZip64LocatorLen;
        if (r.u32(loc + 4) != 0 || r.u32(loc + 16) > 1)
            return fail(loc, QStringLiteral("multi-disk archive"));
        const uint64_t z = r.u64(loc + 8);
        if (!r.has(z, kZip64EndLen) || r.u32(z) != kZip64EndSig)
            return fail(loc,
                        QStringLiteral("the Zip64 locator does not point at a Zip64 end record"));
        const uint64_t recLen = r.u64(z + 4);
        if (z + kZip64EndLen > loc || recLen != loc - z - 12)
            return fail(z, QStringLiteral("bytes between the Zip64 end record and its locator"));
        if (r.u32(z + 16) != 0 || r.u32(z + 20) != 0)
            return fail(z, QStringLiteral("multi-disk archive"));
        const uint64_t c64 = r.u64(z + 32);
        if (r.u64(z + 24) != c64)
            return fail(z, QStringLiteral("entry counts of the Zip64 end record disagree"));
        if ((count != 0xFFFF && count != c64) ||
            (cdSize != 0xFFFFFFFFu && cdSize != r.u64(z + 40)) ||
            (cdOffset != 0xFFFFFFFFu && cdOffset != r.u64(z + 48)))
            return fail(z, QStringLiteral("the Zip64 end record disagrees with the end record"));
        count = c64;
        cdSize = r.u64(z + 40);
        cdOffset = r.u64(z + 48);
        cdEnd = z;
    } else if (count == 0xFFFF || cdSize == 0xFFFFFFFFu || cdOffset == 0xFFFFFFFFu) {
        return fail(endAt, QStringLiteral("Zip64 sizes without a Zip64 end record"));
    }
    if (cdOffset > cdEnd || cdSize != cdEnd - cdOffset)
        return fail(cdOffset,
                    QStringLiteral("bytes between the central directory and the end record"));
    // Every entry needs at least its two headers: a bound on the count before any allocation.
    if (count > cdSize / kCentralLen)
        return fail(cdOffset, QStringLiteral("more entries announced than fit"));

    // 3. The central directory, entry after entry, filling it exactly.
    std::vector<uint64_t> centralAt;
    uint64_t at = cdOffset;
    for (uint64_t i = 0; i < count; ++i) {
        if (!r.has(at, kCentralLen) || at + kCentralLen > cdEnd || r.u32(at) != kCentralSig)
            return fail(
                at, QStringLiteral("central directory entry %1 is not where expected").arg(i + 1));
        ZipWalkEntry e;
        e.flags = r.u16(at + 8);
        e.method = r.u16(at + 10);
        e.crc32 = r.u32(at + 16);
        e.compressedSize = r.u32(at + 20);
        e.uncompressedSize = r.u32(at + 24);
        const uint64_t n = r.u16(at + 28), x = r.u16(at + 30), c = r.u16(at + 32);
        e.localOffset = r.u32(at + 42);
        if (at + kCentralLen + n + x + c > cdEnd)
            return fail(at, QStringLiteral("central directory entry overruns the directory"));
        if (r.u16(at + 34) != 0 && r.u16(at + 34) != 0xFFFF)
            return fail(at, QStringLiteral("multi-disk archive"));
        if (!applyZip64(r, at + kCentralLen + n, x, &e.uncompressedSize, &e.compressedSize,
                        &e.localOffset))
            return fail(
                at, QStringLiteral("damaged extra field in central directory entry %1").arg(i + 1));
        e.name = r.bytes(at + kCentralLen, n);
        if (e.flags & kRefusedFlags)
            return fail(at, QStringLiteral("%1: encrypted entry").arg(QString::fromUtf8(e.name)));
        if (e.method != 0 && e.method != 8)
            return fail(
                at, QStringLiteral("%1: compression method %2 (only stored and deflate are used)")
                        .arg(QString::fromUtf8(e.name))
                        .arg(e.method));
        centralAt.push_back(at);
        w.entries.push_back(std::move(e));
        at += kCentralLen + n + x + c;
    }
    if (at != cdEnd)
        return fail(at, QStringLiteral("bytes in the central directory after its last entry"));

    // 4. The local entries, back to back from byte 0, in the same order, ending at the directory.
    uint64_t pos = 0;
    std::set<QByteArray> seen;
    for (size_t i = 0; i < w.entries.size(); ++i) {
        ZipWalkEntry& e = w.entries[i];
        const QString name = QString::fromUtf8(e.name);
        if (e.localOffset != pos)
            return fail(
                pos,
                e.localOffset > pos || i == 0
                    ? QStringLiteral("%1 bytes before %2 belong to no listed member (hidden or "
                                     "prepended data)")
                          .arg(e.localOffset - pos)
                          .arg(name)
                    : QStringLiteral("%1: local entries out of order or overlapping").arg(name));
        if (!seen.insert(e.name).second)
            return fail(pos,
                        QStringLiteral("%1: appears twice in the central directory").arg(name));
        if (!r.has(pos, kLocalLen) || pos + kLocalLen > cdOffset || r.u32(pos) != kLocalSig)
            return fail(
                pos,
                QStringLiteral("%1: no local header where the central directory says").arg(name));
        const uint16_t flags = r.u16(pos + 6);
        const uint64_t n = r.u16(pos + 26), x = r.u16(pos + 28);
        if (pos + kLocalLen + n + x > cdOffset)
            return fail(pos, QStringLiteral("%1: local header overruns").arg(name));
        if (r.bytes(pos + kLocalLen, n) != e.name)
            return fail(pos, QStringLiteral("%1: the local header names another file (%2)")
                                 .arg(name, QString::fromUtf8(r.bytes(pos + kLocalLen, n))));
        if (flags != e.flags || r.u16(pos + 8) != e.method)
            return fail(pos, QStringLiteral("%1: local and central headers disagree").arg(name));
        const bool descriptor = flags & (1u << 3);
        uint64_t lu = r.u32(pos + 22), lc = r.u32(pos + 18);
        if (!applyZip64(r, pos + kLocalLen + n, x, &lu, &lc, nullptr))
            return fail(pos,
                        QStringLiteral("%1: damaged extra field in the local header").arg(name));
        if (!descriptor &&
            (r.u32(pos + 14) != e.crc32 || lc != e.compressedSize || lu != e.uncompressedSize))
            return fail(
                pos,
                QStringLiteral("%1: local and central headers disagree on size or CRC").arg(name));
        e.dataOffset = pos + kLocalLen + n + x;
        if (e.compressedSize > cdOffset - e.dataOffset)
            return fail(e.dataOffset,
                        QStringLiteral("%1: data overruns the central directory").arg(name));
        pos = e.dataOffset + e.compressedSize;
        if (descriptor) {
            // crc, compressed and uncompressed size (8 bytes each with Zip64), optionally signed.
            const bool wide = e.compressedSize >= 0xFFFFFFFFu || e.uncompressedSize >= 0xFFFFFFFFu;
            const uint64_t body = wide ? 20 : 12;
            uint64_t d = pos;
            if (r.has(d, 4) && r.u32(d) == kDescriptorSig) d += 4;
            if (d + body > cdOffset)
                return fail(pos, QStringLiteral("%1: data descriptor overruns").arg(name));
            const uint64_t dc = wide ? r.u64(d + 4) : r.u32(d + 4),
                           du = wide ? r.u64(d + 12) : r.u32(d + 8);
            if (r.u32(d) != e.crc32 || dc != e.compressedSize || du != e.uncompressedSize)
                return fail(pos, QStringLiteral(
                                     "%1: the data descriptor disagrees with the central directory")
                                     .arg(name));
            pos = d + body;
        }
    }
    if (pos != cdOffset)
        return fail(
            pos, QStringLiteral(
                     "%1 bytes after the last member belong to no listed member (a hidden entry?)")
                     .arg(cdOffset - pos));
    w.ok = true;
    return w;
}

}  // namespace quarry::evidence
