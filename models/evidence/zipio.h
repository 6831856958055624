// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The little of libzip Quarry needs, behind Qt types: write a ZIP from files on disk or from
// memory, list members, read a member whole or stream it.

#include <QByteArray>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace quarry::evidence {

struct ZipMember {
    QString name;
    QByteArray data;
};

// While a ZIP is written: progress from 0 to 1, and a cancel check (true stops the write and
// removes what was written).
struct ZipWriteHooks {
    std::function<void(double)> progress;
    std::function<bool()> cancelled;
};

// Writes path (replacing it, through path.part) from (member name, file on disk) pairs; members
// are deflated (level 1 for speed) and stored in the order given.
bool writeZipFromFiles(const QString& path, const std::vector<std::pair<QString, QString>>& files, QString* error,
                       const ZipWriteHooks& hooks = {});
// The same from memory (tests build tampered bundles with it).
bool writeZip(const QString& path, const std::vector<ZipMember>& members, QString* error);
// Every member, in archive order.
bool readZip(const QString& path, std::vector<ZipMember>& members, QString* error);

class ZipReader {
public:
    ZipReader() = default;
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    bool open(const QString& path, QString* error);
    // Member names as stored (raw bytes as UTF-8), in archive order.
    std::vector<QString> names() const;
    bool contains(const QString& name) const;
    // Reads the member in chunks; false (with *error) when it is missing or damaged.
    bool stream(const QString& name, const std::function<void(const char*, qint64)>& sink, QString* error) const;
    bool read(const QString& name, QByteArray& out, QString* error, qint64 maxBytes = 256 << 20) const;

private:
    void* zip_ = nullptr;
};

}  // namespace quarry::evidence
