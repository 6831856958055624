// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A bundle member being written to the export's work folder, hashed and counted on the way.
// Text goes in only as CSV rows or JSON, and every string of either passes through the bundle's
// Redactor here: redaction happens by construction, not by a list of columns to remember.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include "csvwriter.h"
#include "redactor.h"

namespace quarry::evidence {

class MemberWriter {
public:
    explicit MemberWriter(const Redactor& red) : red_(red) {}
    bool open(const QString& path) {
        file_.setFileName(path);
        return file_.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }
    // One CSV line; every cell redacted, then escaped (formula neutralisation included).
    void row(QStringList cells) {
        for (QString& c : cells) c = red_.text(c);
        raw(csvLine(cells).toUtf8());
    }
    // A JSON document (or one JSON line with Compact); every string and key redacted.
    void json(const QJsonValue& v, QJsonDocument::JsonFormat format = QJsonDocument::Indented) {
        const QJsonValue r = red_.json(v);
        raw(r.isArray() ? QJsonDocument(r.toArray()).toJson(format)
                        : QJsonDocument(r.toObject()).toJson(format));
    }
    // Bytes that are already safe: headers, and members rendered from a redacted BundleContext.
    void raw(const QByteArray& b) {
        hash_.addData(b);
        size_ += b.size();
        buffer_ += b;
        if (buffer_.size() >= (1 << 20)) flush();
    }
    bool close() {
        flush();
        file_.close();
        return ok_;
    }
    QString sha256() const { return QString::fromLatin1(hash_.result().toHex()); }
    qint64 size() const { return size_; }

private:
    void flush() {
        if (!buffer_.isEmpty() && file_.write(buffer_) != buffer_.size()) ok_ = false;
        buffer_.clear();
    }
    const Redactor& red_;
    QFile file_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    QByteArray buffer_;
    qint64 size_ = 0;
    bool ok_ = true;
};

}  // namespace quarry::evidence
