// SPDX-License-Identifier: GPL-3.0-or-later
#include "zipio.h"

#include <QFile>

#include <zip.h>

namespace quarry::evidence {
namespace {

QString zipError(zip_t* za) { return QString::fromUtf8(zip_strerror(za)); }

QString openError(int code) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    const QString s = QString::fromUtf8(zip_error_strerror(&e));
    zip_error_fini(&e);
    return s;
}

template <typename AddSource>
bool writeWith(const QString& path, size_t count, AddSource addSource, QString* error, const ZipWriteHooks& hooks = {}) {
    const QString part = path + QStringLiteral(".part");
    QFile::remove(part);
    int code = 0;
    zip_t* za = zip_open(QFile::encodeName(part).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!za) {
        if (error) *error = QStringLiteral("%1: cannot create: %2").arg(path, openError(code));
        return false;
    }
    for (size_t i = 0; i < count; ++i) {
        QString name;
        zip_source_t* src = addSource(za, i, name);
        if (!src) {
            if (error) *error = QStringLiteral("%1: %2: %3").arg(path, name, zipError(za));
            zip_discard(za);
            return false;
        }
        const QByteArray n = name.toUtf8();
        const zip_int64_t idx = zip_file_add(za, n.constData(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(src);
            if (error) *error = QStringLiteral("%1: cannot add %2: %3").arg(path, name, zipError(za));
            zip_discard(za);
            return false;
        }
        zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 1);
    }
    // libzip calls these from inside zip_close, where all the compressing happens.
    if (hooks.progress)
        zip_register_progress_callback_with_state(
            za, 0.01, [](zip_t*, double f, void* h) { static_cast<const ZipWriteHooks*>(h)->progress(f); }, nullptr,
            const_cast<ZipWriteHooks*>(&hooks));
    if (hooks.cancelled)
        zip_register_cancel_callback_with_state(
            za, [](zip_t*, void* h) { return static_cast<const ZipWriteHooks*>(h)->cancelled() ? 1 : 0; }, nullptr,
            const_cast<ZipWriteHooks*>(&hooks));
    if (zip_close(za) != 0) {
        if (error)
            *error = hooks.cancelled && hooks.cancelled() ? QStringLiteral("%1: cancelled").arg(path)
                                                          : QStringLiteral("%1: cannot write: %2").arg(path, zipError(za));
        zip_discard(za);
        QFile::remove(part);
        return false;
    }
    QFile::remove(path);
    if (!QFile::rename(part, path)) {
        if (error) *error = QStringLiteral("%1: cannot move the finished bundle into place").arg(path);
        return false;
    }
    return true;
}

}  // namespace

bool writeZipFromFiles(const QString& path, const std::vector<std::pair<QString, QString>>& files, QString* error,
                       const ZipWriteHooks& hooks) {
    return writeWith(
        path, files.size(),
        [&](zip_t* za, size_t i, QString& name) {
            name = files[i].first;
            return zip_source_file(za, QFile::encodeName(files[i].second).constData(), 0, -1);
        },
        error, hooks);
}

bool writeZip(const QString& path, const std::vector<ZipMember>& members, QString* error) {
    return writeWith(
        path, members.size(),
        [&](zip_t* za, size_t i, QString& name) {
            name = members[i].name;
            return zip_source_buffer(za, members[i].data.constData(), static_cast<zip_uint64_t>(members[i].data.size()), 0);
        },
        error);
}

bool readZip(const QString& path, std::vector<ZipMember>& members, QString* error) {
    ZipReader r;
    if (!r.open(path, error)) return false;
    members.clear();
    for (const QString& n : r.names()) {
        ZipMember m{n, {}};
        if (!r.read(n, m.data, error, qint64(1) << 40)) return false;
        members.push_back(std::move(m));
    }
    return true;
}

ZipReader::~ZipReader() {
    if (zip_) zip_discard(static_cast<zip_t*>(zip_));
}

bool ZipReader::open(const QString& path, QString* error) {
    int code = 0;
    zip_ = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip_) {
        if (error) *error = QStringLiteral("%1: not a readable ZIP archive (%2)").arg(path, openError(code));
        return false;
    }
    return true;
}

std::vector<QString> ZipReader::names() const {
    std::vector<QString> out;
    auto* za = static_cast<zip_t*>(zip_);
    const zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* name = zip_get_name(za, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        out.push_back(QString::fromUtf8(name ? name : ""));
    }
    return out;
}

bool ZipReader::contains(const QString& name) const {
    return zip_name_locate(static_cast<zip_t*>(zip_), name.toUtf8().constData(), ZIP_FL_ENC_RAW) >= 0;
}

bool ZipReader::stream(const QString& name, const std::function<void(const char*, qint64)>& sink, QString* error) const {
    auto* za = static_cast<zip_t*>(zip_);
    const QByteArray n = name.toUtf8();
    const zip_int64_t idx = zip_name_locate(za, n.constData(), ZIP_FL_ENC_RAW);
    zip_file_t* f = idx < 0 ? nullptr : zip_fopen_index(za, static_cast<zip_uint64_t>(idx), 0);
    if (!f) {
        if (error) *error = QStringLiteral("%1: missing from the archive").arg(name);
        return false;
    }
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const zip_int64_t got = zip_fread(f, buf.data(), static_cast<zip_uint64_t>(buf.size()));
        if (got < 0) {
            if (error) *error = QStringLiteral("%1: damaged archive entry (%2)").arg(name, QString::fromUtf8(zip_file_strerror(f)));
            zip_fclose(f);
            return false;
        }
        if (got == 0) break;
        sink(buf.constData(), got);
    }
    if (zip_fclose(f) != 0) {
        if (error) *error = QStringLiteral("%1: damaged archive entry (checksum)").arg(name);
        return false;
    }
    return true;
}

bool ZipReader::read(const QString& name, QByteArray& out, QString* error, qint64 maxBytes) const {
    out.clear();
    bool tooBig = false;
    const bool ok = stream(
        name,
        [&](const char* d, qint64 n) {
            if (out.size() + n > maxBytes) tooBig = true;
            else out.append(d, n);
        },
        error);
    if (ok && tooBig) {
        if (error) *error = QStringLiteral("%1: larger than %2 bytes").arg(name).arg(maxBytes);
        return false;
    }
    return ok;
}

}  // namespace quarry::evidence
