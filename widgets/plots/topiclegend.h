// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The key to a plot that colours requests by topic: a swatch and the topic's name (as every
// view names it, topicLabel) for each topic, and what the line and the points mean.

#include <QLabel>

#include "items/casequeries.h"

namespace quarry::gui {

class TopicLegend final : public QLabel {
    Q_OBJECT
public:
    explicit TopicLegend(QWidget* parent = nullptr);
    void setTopics(const TopicTable& topics);
};

}  // namespace quarry::gui
