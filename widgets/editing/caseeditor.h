// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dashboard's one read-write connection for the analyst's edits (tags, notes). The panels
// read through the GUI thread's read-only connection; the editor tells them to refresh after
// each committed change.

#include <QObject>
#include <QString>

#include <memory>

namespace quarry {
class CaseFile;
}
namespace quarry::evidence {
class TagStore;
}

namespace quarry::gui {

class CaseEditor final : public QObject {
    Q_OBJECT
public:
    explicit CaseEditor(QObject* parent = nullptr);
    ~CaseEditor() override;

    // Closes the connection of the previous case; the next store() opens this one.
    void setCasePath(const QString& path);
    QString casePath() const { return path_; }

    // The store on the session's read-write connection, opened on first use; nullptr (and
    // *error) when the case cannot be opened for writing (read-only file, another writer).
    evidence::TagStore* store(QString* error);

    // Called after every change, committed or not, so the views show what the case holds.
    void notifyChanged() { emit changed(); }
    void reportFailure(const QString& message) { emit failed(message); }

signals:
    void changed();
    void failed(const QString& message);

private:
    QString path_;
    std::unique_ptr<CaseFile> file_;
    std::unique_ptr<evidence::TagStore> store_;
};

}  // namespace quarry::gui
