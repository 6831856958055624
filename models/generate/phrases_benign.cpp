// SPDX-License-Identifier: GPL-3.0-or-later
// Everyday prompts of ordinary users: writing, knowledge, translation, math homework and
// chit-chat. Sizeable pools combined compositionally so prompts rarely repeat exactly.
#include "textbank.h"

namespace quarry::gen {

std::string_view benignPhrases() {
    return R"GRAMMAR(
@t_writing
~3 {{please}}{{write_verb}} {{write_thing}} {{write_about}}. {{write_constraint}}
~2 Can you {{polish_verb}} this {{text_kind}}? {{write_constraint}}\n\n"{{sample_sentence}} {{sample_sentence}}"
{{write_verb_cap}} {{write_thing}} {{write_about}}, {{tone}}.
I need {{write_thing}} {{write_about}}. Keep it {{tone}} and {{length_limit}}.
Rewrite this so it sounds {{tone}}: {{sample_sentence}}
Give me {{#3-10}} title ideas for {{write_thing}} {{write_about}}.
Help me reply to this email, {{tone}}:\n\n> {{sample_sentence}}\n> {{sample_sentence}}\n\nThanks, {{first_name}}
Summarize the following in {{#2-5}} bullet points:\n\n{{sample_sentence}} {{sample_sentence}} {{sample_sentence}}

@please
~4 
Please 
Hey, 
Hi! Could you 
Quick one: 
can u 

@write_verb
write
draft
put together
come up with
sketch out

@write_verb_cap
Write
Draft
Compose
Create

@polish_verb
proofread
tighten up
make more concise
fix the grammar in
improve the flow of

@text_kind
paragraph
cover letter
email
LinkedIn post
abstract
product description
essay intro

@write_thing
a short story
a cover letter
a wedding toast
an email to my landlord
a product description
a blog post
a haiku
a tweet thread
a speech for my team
a birthday message
a complaint letter
a motivational quote
an apology note
a poem
a newsletter intro
a README intro
a short bio

@write_about
about {{subject_casual}}
for {{occasion}}
about my {{relation}} who {{relation_fact}}
explaining why {{opinion}}
for a job as {{job}}
announcing {{announcement}}

@subject_casual
autumn in the mountains
a dragon who is afraid of heights
the first day at a new job
learning to ride a bike at 40
a robot that wants to be a gardener
our new coffee machine
the end of summer
a lighthouse keeper
friendship and distance
my cat, who ignores everyone
the city at 3am
a lost umbrella
climate change and small towns
moving to a new country

@occasion
my sister's wedding
a retirement party
our quarterly all-hands
a school fundraiser
my best friend's 30th birthday
a farewell lunch
graduation day

@relation
grandmother
coworker
neighbour
best friend
manager
brother
teacher

@relation_fact
just retired after 35 years
is moving to Canada
taught me to cook
runs marathons
helped me through a rough year
loves bad puns

@opinion
remote work is here to stay
cities should have more bike lanes
everyone should learn to cook
four-day weeks make sense
reading fiction makes you more empathetic
public libraries still matter

@job
a junior data analyst
a nurse
a barista
a marketing coordinator
a high school teacher
a backend engineer
a project manager
an electrician apprentice

@announcement
our new office in Lisbon
a product launch next week
a change to the holiday schedule
my promotion
the new parking rules
the end of a long project

@tone
formal
friendly but professional
casual
funny
heartfelt
persuasive
neutral
polite but firm

@length_limit
under 150 words
short
about 300 words
one paragraph
no more than 5 sentences

@write_constraint
~3 
Keep it short.
Make it sound natural, not like AI.
Use British English.
Avoid jargon.
It should fit on one slide.
No emojis please.
Add a call to action at the end.

@sample_sentence
We wanted to let you know that the meeting has been moved to Thursday, but nobody told the client.
Me and him was going to the store when it started raining, so we stayed inside.
The results of the survey shows that most people prefer the old design, which is "surprising".
I am writing to inform you that I will not be able to attend the event due to personal reasons.
Our team has been working really hard on this and we think it's ready for launch.
The rent was supposed to be fixed last month, however the heater is still broken.
I think, in my opinion, that the new policy is not fair for everyone involved.
Thank you for your patience while we look into this issue; we'll get back to you shortly.
The data suggests a strong correlation between sleep and productivity, although the sample is small.
She said "we'll see" which honestly could mean anything.

@t_knowledge
~3 {{question_word}} {{knowledge_q}}{{?|.|}}
~2 Explain {{concept}} {{explain_level}}.
What's the difference between {{pair}}?
Is it true that {{claim}}?
Give me a quick overview of {{concept}}, with examples.
Why {{why_q}}?
How does {{mechanism}} work?
{{please}}explain {{concept}} like I'm {{#5-15}}.
Who was {{person}} and why are they important?
What are the pros and cons of {{choice}}?

@question_word
What is
Tell me about
Quick question about
Explain
What do you know about
Give me facts about

@knowledge_q
the capital of {{country_name}}
the tallest mountain in Europe
the invention of the printing press
the population of {{country_name}}
the main causes of the French Revolution
the speed of light in water
the Krebs cycle
the Treaty of Westphalia
the largest desert in the world
the Rosetta Stone
the history of {{country_name}}
the economy of {{country_name}}
the Silk Road
the Apollo 11 mission
black holes
the Ottoman Empire
the Maya calendar

@concept
quantum entanglement
inflation
compound interest
the Pythagorean theorem
photosynthesis
CRISPR
blockchain
general relativity
opportunity cost
the placebo effect
supply and demand
neural networks
the electoral college
game theory
plate tectonics
natural selection
the immune system
Bayes' theorem

@explain_level
in simple terms
for a 10 year old
at a university level
in two sentences
with an analogy
like I'm a complete beginner

@pair
a virus and a bacterium
weather and climate
a Roth IRA and a traditional IRA
TCP and UDP
affect and effect
baking soda and baking powder
a crocodile and an alligator
stocks and bonds
latitude and longitude
empathy and sympathy

@claim
we only use 10% of our brains
goldfish have a three second memory
the Great Wall is visible from space
lightning never strikes the same place twice
cracking your knuckles causes arthritis
bulls hate the color red

@why_q
is the sky blue
do cats purr
do we have leap years
does ice float
do onions make you cry
is the ocean salty
do planes leave white trails
did the Roman Empire fall

@mechanism
a refrigerator
GPS
vaccines
a credit score
noise cancelling headphones
the stock market
a nuclear reactor
an electric car battery
Wi-Fi

@person
Ada Lovelace
Alan Turing
Marie Curie
Nikola Tesla
Hypatia
Ibn Sina
Rosalind Franklin
Simón Bolívar
Wangari Maathai

@choice
renting vs buying a house
electric vs hybrid cars
learning Spanish vs French
a standing desk
freelancing
index funds
moving to a big city

@country_name
France
Brazil
Japan
Nigeria
Canada
Australia
Vietnam
Germany
Kenya
Mexico
India
Indonesia

@t_translation
~3 Translate into {{language}}: "{{phrase_en}}"
~2 How do you say "{{phrase_en}}" in {{language}}?
Can you translate this to English? {{phrase_foreign}}
What does "{{phrase_foreign}}" mean?
Translate the following from {{language}} to English and explain the grammar:\n{{phrase_foreign}}
Is this correct {{language}}? {{phrase_foreign}}

@language
French
German
Spanish
Japanese
Chinese
Portuguese
Italian
Korean
Turkish
Vietnamese

@phrase_en
Where is the nearest train station?
I would like to book a table for two at eight.
Thank you so much for your help, it really means a lot.
Could you send me the invoice by Friday?
The meeting has been postponed until next week.
I'm allergic to peanuts.
Happy birthday, I hope all your wishes come true!
We are sorry for the inconvenience.

@phrase_foreign
Je voudrais réserver une chambre pour deux nuits, s'il vous plaît.
Können Sie mir bitte helfen? Ich habe meinen Schlüssel verloren, und die Tür ist zu.
Wir müssen über die Präsentation für Montag sprechen.
¿Dónde está la biblioteca? Necesito estudiar para el examen.
Obrigado pela ajuda, você é muito gentil.
我想学习中文，但是语法太难了。
请问这个多少钱？
お疲れ様です。明日の会議は何時からですか？
Ça coûte combien, ce café crème ?
Grüße aus München, das Wetter ist schön.
El señor García llegó tarde a la reunión, como siempre.
오늘 날씨가 정말 좋네요.
Çok teşekkür ederim, yardımınız için minnettarım.

@t_math
~3 {{math_ask}} {{math_problem}}
~2 {{math_problem}} {{math_tail}}
Can you check my answer? {{math_problem}} I got {{#2-400}}.
I don't get how to {{math_skill}}. Can you explain with an example?
What's {{#12-999}} * {{#12-99}}?
Convert {{#10-500}} {{unit_from}} to {{unit_to}}.
What is {{#5-40}}% of {{#50-5000}}?

@math_ask
Solve:
Help me solve this:
How do I solve
Can you solve this for me?
Homework question:

@math_tail
~4 
Show your work please.
Please explain each step.
I just need the answer.
Think step by step.

@math_problem
{{#2-9}}x + {{#1-30}} = {{#31-90}}
the integral of x^{{#2-5}} * e^x dx
the derivative of sin(x^{{#2-4}}) * ln(x)
A train leaves at {{#6-11}}am going {{#40-120}} km/h. Another leaves {{#1-3}} hours later going {{#60-160}} km/h. When does the second catch up?
If a shirt costs ${{#20-80}} after a {{#10-40}}% discount, what was the original price?
Find the roots of x^2 - {{#2-15}}x + {{#1-40}} = 0
What is the probability of rolling at least one six in {{#2-6}} dice rolls?
A rectangle has a perimeter of {{#20-80}} cm and an area of {{#20-150}} cm^2. Find its sides.
lim x->0 of sin({{#2-9}}x)/x
How many ways can {{#4-9}} people sit around a round table?
Find the eigenvalues of [[{{#1-5}}, {{#1-5}}], [{{#1-5}}, {{#1-5}}]]
the sum of the first {{#10-200}} odd numbers

@math_skill
do long division with decimals
factor quadratics
use the chain rule
find a standard deviation
do integration by parts
convert between fractions and percentages
read a box plot
solve systems of equations with substitution

@unit_from
miles
pounds
Fahrenheit
cups
feet
gallons

@unit_to
kilometers
kilograms
Celsius
milliliters
meters
liters

@t_chitchat
~2 {{greeting}} {{chat_line}}
{{chat_line}}
I'm bored. {{chat_request}}
Tell me a joke about {{joke_topic}}.
{{chat_request}}
What should I {{decide_q}}?
Can you recommend {{recommend_thing}} similar to {{recommend_ref}}?

@greeting
hi
Hello!
hey there
good morning :)
yo
Hi again,

@chat_line
how are you today?
what's a fun fact I probably don't know?
I just got a new puppy and I need name ideas
my plants keep dying, what am I doing wrong?
can you help me plan a weekend in {{city}}?
I can't sleep, talk to me about space
what do you think about pineapple on pizza, honestly?
give me a riddle
what should I cook tonight with rice, eggs and spinach?

@chat_request
Suggest a fun activity for a rainy day.
Give me a workout I can do at home in 20 minutes.
Quiz me on world capitals.
Let's play 20 questions.
Write me a limerick about Mondays.
Recommend a podcast about history.

@joke_topic
programmers
cats
accountants
the weather
coffee
Mondays

@decide_q
name my sourdough starter
get my dad for his birthday
watch tonight
read next
do on a first date

@recommend_thing
a book
a movie
a TV series
a board game
a video game

@recommend_ref
The Martian
Breaking Bad
Catan
Stardew Valley
Pride and Prejudice
Interstellar

@city
Lisbon
Kyoto
Mexico City
Berlin
Seoul
Cape Town
Montreal
Istanbul
Hanoi
Buenos Aires

)GRAMMAR";
}

}  // namespace quarry::gen
