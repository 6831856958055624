// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A strict walk of a whole ZIP archive held in memory (or mapped), independent of libzip. Readers
// disagree about which bytes make an archive: libzip and unzip trust the central directory at the
// end, streaming extractors (bsdtar -xf - , jar x) trust the local headers from the front. A
// bundle must read the same both ways, so walkZip accepts only this exact layout (the one libzip
// writes): local entries back to back from byte 0, in central-directory order, each local header
// agreeing with its central one; then the central directory; then the Zip64 end record and
// locator when present; then the end record without a comment, ending at the last byte. Any
// other byte (a hidden entry, data before, between or after members) fails the walk.
// Format: PKWARE APPNOTE.TXT 6.3.x, sections 4.3.6-4.3.16 and 4.5.3.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace quarry::evidence {

struct ZipWalkEntry {
    QByteArray name;  // raw bytes as stored
    uint64_t localOffset = 0, dataOffset = 0;
    uint64_t compressedSize = 0, uncompressedSize = 0;
    uint32_t crc32 = 0;
    uint16_t method = 0, flags = 0;
};

struct ZipWalk {
    bool ok = false;
    QString error;  // the first offence, with its byte offset
    std::vector<ZipWalkEntry> entries;
};

// Never reads outside [data, data + size); bounded work (one pass over the headers).
ZipWalk walkZip(const unsigned char* data, uint64_t size);

}  // namespace quarry::evidence
