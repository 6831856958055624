// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/topiclegend.h"

namespace quarry::gui {

TopicLegend::TopicLegend(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("topicLegend"));
    setTextFormat(Qt::RichText);  // names are escaped below: taxonomy labels may come from logs
    setWordWrap(true);
    setTopics({});
}

void TopicLegend::setTopics(const TopicTable& topics) {
    QString html = tr("Line: requests per day. Points: one request, coloured by topic");
    if (!topics.topics.empty()) html += QStringLiteral(": ");
    QStringList items;
    for (const Topic& t : topics.topics)
        items << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                     .arg(t.color.name(), topicLabel(topics, t.id).toHtmlEscaped());
    setText(html + items.join(QStringLiteral(" &nbsp; ")));
}

}  // namespace quarry::gui
