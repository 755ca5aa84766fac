// Labs and people's names for the demo corpus. Names are drawn from many
// origins (some with accents) so the identity code sees realistic variety.
#include "demo/vocab.h"

namespace st::demo {
namespace {

using sv = std::string_view;

// Real OpenAlex ids where known (checked against ../shared/data samples for
// several); I90000000xx are synthetic.
constexpr LabInfo kLabs[] = {
    {"Google DeepMind", "I4210090411", "GB", "company", "London, United Kingdom", 5.0f, 2.0f, 2010},
    {"Google (United States)", "I1291425158", "US", "company", "Mountain View, CA, USA", 5.0f, 1.7f, 2000},
    {"OpenAI", "I4210161460", "US", "company", "San Francisco, CA, USA", 3.0f, 2.0f, 2015},
    {"Anthropic", "I9000000001", "US", "company", "San Francisco, CA, USA", 2.0f, 1.9f, 2021},
    {"Meta (United States)", "I2252078561", "US", "company", "Menlo Park, CA, USA", 4.0f, 1.6f, 2004},
    {"Microsoft Research (United Kingdom)", "I4210164937", "GB", "company", "Cambridge, United Kingdom", 1.5f, 1.4f, 2000},
    {"Microsoft (United States)", "I1290206253", "US", "company", "Redmond, WA, USA", 4.0f, 1.4f, 2000},
    {"Nvidia (United States)", "I1304085615", "US", "company", "Santa Clara, CA, USA", 2.5f, 1.4f, 2000},
    {"Amazon (United States)", "I1311688040", "US", "company", "Seattle, WA, USA", 2.5f, 1.1f, 2000},
    {"Mistral AI", "I9000000002", "FR", "company", "Paris, France", 0.8f, 1.5f, 2023},
    {"Cohere", "I9000000003", "CA", "company", "Toronto, Canada", 0.7f, 1.2f, 2019},
    {"Alibaba Group (China)", "I45928872", "CN", "company", "Hangzhou, China", 2.0f, 1.1f, 2000},
    {"Baidu (China)", "I98301712", "CN", "company", "Beijing, China", 1.5f, 1.0f, 2000},
    {"Tencent (China)", "I2250653659", "CN", "company", "Shenzhen, China", 1.5f, 1.0f, 2000},
    {"Stanford University", "I97018004", "US", "education", "Stanford, CA, USA", 4.0f, 1.9f, 1900},
    {"Massachusetts Institute of Technology", "I63966007", "US", "education", "Cambridge, MA, USA", 4.0f, 1.9f, 1900},
    {"Carnegie Mellon University", "I74973139", "US", "education", "Pittsburgh, PA, USA", 4.0f, 1.8f, 1900},
    {"University of California, Berkeley", "I95457486", "US", "education", "Berkeley, CA, USA", 4.0f, 1.9f, 1900},
    {"Princeton University", "I20089843", "US", "education", "Princeton, NJ, USA", 2.0f, 1.6f, 1900},
    {"University of Washington", "I201448701", "US", "education", "Seattle, WA, USA", 2.5f, 1.6f, 1900},
    {"New York University", "I57206974", "US", "education", "New York, NY, USA", 2.5f, 1.5f, 1900},
    {"Harvard University", "I136199984", "US", "education", "Cambridge, MA, USA", 2.0f, 1.5f, 1900},
    {"University of Toronto", "I185261750", "CA", "education", "Toronto, Canada", 3.0f, 1.6f, 1900},
    {"Mila - Quebec Artificial Intelligence Institute", "I9000000004", "CA", "facility", "Montréal, Canada", 3.0f, 1.6f, 1993},
    {"University of Oxford", "I40120149", "GB", "education", "Oxford, United Kingdom", 3.0f, 1.7f, 1900},
    {"University of Cambridge", "I241749", "GB", "education", "Cambridge, United Kingdom", 2.5f, 1.6f, 1900},
    {"University College London", "I45129253", "GB", "education", "London, United Kingdom", 2.5f, 1.5f, 1900},
    {"ETH Zurich", "I35440088", "CH", "education", "Zürich, Switzerland", 2.5f, 1.6f, 1900},
    {"École Polytechnique Fédérale de Lausanne", "I5124864", "CH", "education", "Lausanne, Switzerland", 2.0f, 1.5f, 1900},
    {"Max Planck Institute for Intelligent Systems", "I9000000005", "DE", "facility", "Tübingen, Germany", 1.5f, 1.4f, 2011},
    {"Tsinghua University", "I99065089", "CN", "education", "Beijing, China", 4.0f, 1.6f, 1900},
    {"Peking University", "I20231570", "CN", "education", "Beijing, China", 3.0f, 1.4f, 1900},
    {"Shanghai AI Laboratory", "I9000000006", "CN", "facility", "Shanghai, China", 1.5f, 1.2f, 2020},
    {"The University of Tokyo", "I74801974", "JP", "education", "Tokyo, Japan", 2.0f, 1.2f, 1900},
    {"Korea Advanced Institute of Science and Technology", "I157485424", "KR", "education", "Daejeon, South Korea", 2.0f, 1.2f, 1900},
    {"Indian Institute of Science", "I9000000007", "IN", "education", "Bengaluru, India", 1.5f, 1.0f, 1900},
    {"Allen Institute for Artificial Intelligence", "I9000000008", "US", "nonprofit", "Seattle, WA, USA", 1.0f, 1.4f, 2014},
    {"Vector Institute", "I9000000009", "CA", "nonprofit", "Toronto, Canada", 1.0f, 1.3f, 2017},
};

constexpr sv kFirstNames[] = {
    "James", "Mary", "Robert", "Emily", "Michael", "Sarah", "David", "Laura", "Daniel", "Anna",
    "Thomas", "Julia", "Oliver", "Charlotte", "Lukas", "Sophie", "Matteo", "Giulia", "Pierre", "Camille",
    "José", "María", "Andrés", "Lucía", "João", "Inês", "François", "Chloé", "Søren", "Åsa",
    "Łukasz", "Zoë", "Björn", "Jürgen", "Ioana", "Dmitri", "Olga", "Nikolai", "Katarzyna", "Tomáš",
    "Wei", "Jing", "Xiaoming", "Yue", "Hao", "Lin", "Chen", "Yichen", "Zhiyuan", "Ming",
    "Hiroshi", "Yuki", "Haruto", "Aiko", "Min-jun", "Ji-woo", "Seo-yeon", "Hyun", "Thảo", "Minh",
    "Priya", "Arjun", "Ananya", "Rahul", "Sanjay", "Deepika", "Vikram", "Kavya", "Aditya", "Meera",
    "Ahmed", "Fatima", "Omar", "Layla", "Yusuf", "Amira", "Mehmet", "Elif", "Reza", "Shirin",
    "Chinedu", "Ngozi", "Kwame", "Amara", "Tendai", "Zanele", "Kofi", "Aisha", "Tariq", "Noor",
    "Ethan", "Ava", "Noah", "Mia", "Lucas", "Isabella", "Gabriel", "Elena", "Rafael", "Ilse",
    "Alexander", "Catherine", "Benjamin", "Hannah", "Samuel", "Rebecca", "Jonathan", "Natalie", "Nathan", "Grace",
    "Florian", "Katharina", "Sebastian", "Lena", "Maximilian", "Johanna", "Niklas", "Amélie", "Théo", "Léa",
    "Álvaro", "Begoña", "Íñigo", "Mariana", "Tiago", "Beatriz", "Giovanni", "Francesca", "Lorenzo", "Chiara",
    "Mikkel", "Ingrid", "Henrik", "Freya", "Piotr", "Agnieszka", "Jakub", "Zuzana", "Vladimir", "Anastasia",
    "Xin", "Yang", "Jun", "Lei", "Tao", "Rui", "Qian", "Zhen", "Shuai", "Yifan",
    "Kenji", "Sakura", "Takeshi", "Mei", "Daichi", "Hana", "Jae-won", "Soo-ah", "Dong-hyun", "Yuna",
    "Nikhil", "Shreya", "Karthik", "Pooja", "Rohan", "Aishwarya", "Varun", "Neha", "Siddharth", "Lakshmi",
    "Hamza", "Mariam", "Karim", "Yasmin", "Emre", "Zeynep", "Ali", "Leila", "Bilal", "Sana",
    "Oluwaseun", "Adaeze", "Thabo", "Nomvula", "Jelani", "Imani", "Sipho", "Abena", "Emeka", "Wanjiru",
};

constexpr sv kLastNames[] = {
    "Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Clark", "Walker",
    "Müller", "Schmidt", "Schäfer", "Becker", "Hoffmann", "Weiß", "Dubois", "Lefèvre", "Moreau", "Girard",
    "García", "Martínez", "Núñez", "Rodríguez", "Fernández", "González", "Silva", "Gonçalves", "Rossi", "Bianchi",
    "Nielsen", "Andersson", "Lindqvist", "Kowalski", "Nowak", "Wiśniewski", "Novák", "Ivanov", "Petrova", "Popescu",
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
    "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo",
    "Tanaka", "Suzuki", "Sato", "Watanabe", "Kim", "Park", "Lee", "Choi", "Nguyễn", "Trần",
    "Patel", "Sharma", "Gupta", "Iyer", "Reddy", "Krishnan", "Menon", "Banerjee", "Rao", "Chatterjee",
    "Hassan", "Haddad", "Khalil", "Yılmaz", "Çelik", "Demir", "Hosseini", "Karimi", "Okafor", "Adeyemi",
    "Mensah", "Okonkwo", "Ndlovu", "Mbeki", "Cohen", "Levi", "O'Brien", "Murphy", "Kelly", "Jensen",
    "Bengtsson", "Van der Berg", "De Vries", "Jansen", "Costa", "Ferreira", "Ramos", "Castro", "Ortiz", "Vargas",
    "Thompson", "Harris", "Lewis", "Robinson", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
    "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Rogers", "Reed", "Cook", "Morgan",
    "Fischer", "Wagner", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zimmermann", "Krüger",
    "Lambert", "Fontaine", "Rousseau", "Chevalier", "Bonnet", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
    "Sánchez", "Pérez", "Gómez", "Díaz", "Jiménez", "Álvarez", "Romero", "Navarro", "Domínguez", "Gil",
    "Hansen", "Larsen", "Pedersen", "Eriksson", "Johansson", "Virtanen", "Korhonen", "Dąbrowski", "Zieliński", "Horváth",
    "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian",
    "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei",
    "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Kang", "Cho", "Yoon",
    "Jang", "Lim", "Phạm", "Hoàng", "Võ", "Singh", "Kumar", "Mehta", "Joshi", "Nair",
    "Pillai", "Desai", "Kapoor", "Bose", "Mukherjee", "Saxena", "Agarwal", "Bhat", "Ahmed", "Ali",
    "Mahmoud", "Farouk", "Nasser", "Aziz", "Öztürk", "Kaya", "Şahin", "Arslan", "Rahimi", "Moradi",
    "Balogun", "Eze", "Nwosu", "Owusu", "Boateng", "Kamau", "Otieno", "Dlamini", "Abebe", "Tesfaye",
};

constexpr sv kAdjectives[] = {
    "Robust", "Efficient", "Scalable", "Data-Efficient", "Provable", "Generalizable", "Faithful",
    "Sample-Efficient", "Interpretable", "Zero-Shot", "Adaptive", "Hierarchical", "Self-Supervised",
    "Compositional", "Calibrated", "Unified",
};

constexpr sv kProperties[] = {
    "Generalization", "Sample Complexity", "Robustness", "Emergence", "Calibration", "Convergence",
    "Limits", "Scaling Behaviour", "Stability", "Expressivity",
};

constexpr sv kSyllables[] = {
    "Ko", "Ra", "Lu", "Mi", "Ne", "Ta", "Vo", "Sa", "Fle", "Gra", "Pi", "Zen", "Or", "Al", "Ve", "Qu",
    "Ly", "Dra", "Hel", "Ix", "Mo", "Ter", "Cy", "Ba",
};

constexpr sv kSettings[] = {
    " at Scale", " in the Wild", " under Distribution Shift", " with Limited Data", " from Weak Supervision",
    " without Labels", " across Domains", " in Low-Resource Settings", " with Theoretical Guarantees",
    " for Real-World Deployment", " on a Compute Budget", " in Open-Ended Environments",
};

}  // namespace

std::span<const std::string_view> Settings() { return kSettings; }
std::span<const LabInfo> Labs() { return kLabs; }
std::span<const std::string_view> FirstNames() { return kFirstNames; }
std::span<const std::string_view> LastNames() { return kLastNames; }
std::span<const std::string_view> Adjectives() { return kAdjectives; }
std::span<const std::string_view> Properties() { return kProperties; }
std::span<const std::string_view> NameSyllables() { return kSyllables; }

}  // namespace st::demo
