// SPDX-License-Identifier: GPL-3.0-or-later
#include "editing/caseeditor.h"

#include "evidence/tags.h"
#include "store/casefile.h"

namespace quarry::gui {

CaseEditor::CaseEditor(QObject* parent) : QObject(parent) {}

CaseEditor::~CaseEditor() = default;

void CaseEditor::setCasePath(const QString& path) {
    store_.reset();
    file_.reset();
    path_ = path;
}

evidence::TagStore* CaseEditor::store(QString* error) {
    if (store_) return store_.get();
    if (path_.isEmpty()) {
        if (error) *error = tr("No case is open.");
        return nullptr;
    }
    QString why;
    file_ = CaseFile::open(path_, CaseFile::Access::ReadWrite, &why);
    if (!file_) {
        if (error) *error = tr("Cannot open %1 for writing: %2").arg(path_, why);
        return nullptr;
    }
    store_ = std::make_unique<evidence::TagStore>(*file_);
    return store_.get();
}

}  // namespace quarry::gui
