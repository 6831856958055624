// SPDX-License-Identifier: GPL-3.0-or-later
#include "storytablemodel.h"

#include "casequeries.h"
#include "tooltiptext.h"

namespace quarry::gui {
namespace {

QString kindText(evidence::StoryKind kind) {
    switch (kind) {
        case evidence::StoryKind::Finding:
            return StoryTableModel::tr("Finding");
        case evidence::StoryKind::Tag:
            return StoryTableModel::tr("Tag");
        case evidence::StoryKind::Note:
            return StoryTableModel::tr("Note");
        case evidence::StoryKind::Star:
            return StoryTableModel::tr("Starred");
    }
    return {};
}

}  // namespace

StoryTableModel::StoryTableModel(QObject* parent)
    : RecordTableModel({tr("Time (UTC)"), tr("Kind"), tr("What"), tr("Details")}, parent) {}

StoryRead readStory(sqlite3* db) {
    if (!db) return {};
    return {evidence::storyIsManual(db), evidence::loadStory(db)};
}

void StoryTableModel::load(sqlite3* db) {
    setStory(readStory(db));
}

void StoryTableModel::setStory(StoryRead story) {
    manual_ = story.manual;
    setRecords(std::move(story.items));
}

QStringList StoryTableModel::keys() const {
    QStringList out;
    for (const auto& item : records_) out << item.key;
    return out;
}

int StoryTableModel::rowOfKey(const QString& key) const {
    for (size_t i = 0; i < records_.size(); ++i)
        if (records_[i].key == key) return static_cast<int>(i);
    return -1;
}

QVariant StoryTableModel::data(const QModelIndex& index, int role) const {
    const evidence::StoryItem* item = recordOf(index);
    if (!item) return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Time:
                return item->time < 0 ? QString() : formatUtc(item->time);
            case Kind:
                return kindText(item->kind);
            case What:
                return item->title;
            case Details:
                return QString(item->text).replace(QLatin1Char('\n'), QLatin1Char(' '));
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == Details || index.column() == What))
        return logTextToolTip(item->title + QStringLiteral("\n\n") + item->text);
    return {};
}

}  // namespace quarry::gui
