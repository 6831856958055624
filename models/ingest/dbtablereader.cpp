// SPDX-License-Identifier: GPL-3.0-or-later
#include "dbtablereader.h"

#include <algorithm>

namespace quarry {

DatabaseTableReader::DatabaseTableReader(std::unique_ptr<TableMapping> mapping,
                                         const char* container)
    : tool_(std::move(mapping)), name_(std::string(tool_->tool()) + "-" + container) {}

int64_t DatabaseTableReader::bytesRead() const {
    if (rowsTotal_ <= 0) return 0;
    return static_cast<int64_t>(static_cast<double>(sourceBytes()) *
                                std::min(1.0, static_cast<double>(rowsDone_) / rowsTotal_));
}

QString DatabaseTableReader::missingNote(Field f) const {
    return tool_->missingNoteOrColumns(f);
}

bool DatabaseTableReader::setColumns(const std::vector<std::string>& names, const QString& source,
                                     QString* error) {
    if (!tool_->acceptsOverrides(mapping_, source, error)) return false;
    tool_->setColumns(names);
    noteColumns(tool_->sourceColumnFields());
    return tool_->checkColumns(source, error);
}

void DatabaseTableReader::mapRow(SourceRow& row) {
    table_.line = ++rowsDone_;
    // The row's cells, tab-separated: what quarantine shows and what the UTF-8 check reads.
    raw_.clear();
    for (size_t c = 0; c < table_.cells.size(); ++c) {
        if (c > 0) raw_ += '\t';
        raw_ += table_.cells[c];
    }
    table_.raw = raw_;
    if (preview_)
        for (size_t c = 0; c < table_.cells.size(); ++c)
            noteSourceValue(tool_->sourceColumns()[c], table_.cells[c]);
    tool_->map(table_, row);
}

}  // namespace quarry
