// AI topics of the demo corpus, each with a coherent vocabulary so that a
// query like "diffusion models" finds the diffusion people. Topic ids are
// synthetic (T99xxx); subfield/field ids are OpenAlex's real ones (ASJC codes);
// concept ids are real OpenAlex concepts where known, C90000000xx otherwise.
#include "demo/vocab.h"

namespace st::demo {
namespace {

using sv = std::string_view;

constexpr VenueInfo kVenues[] = {
    {"Advances in Neural Information Processing Systems", "S9000000101", "conference"},   // 0
    {"International Conference on Machine Learning", "S9000000102", "conference"},        // 1
    {"International Conference on Learning Representations", "S9000000103", "conference"},// 2
    {"IEEE/CVF Conference on Computer Vision and Pattern Recognition", "S9000000104", "conference"},  // 3
    {"IEEE/CVF International Conference on Computer Vision", "S9000000105", "conference"}, // 4
    {"Annual Meeting of the Association for Computational Linguistics", "S9000000106", "conference"},  // 5
    {"Conference on Empirical Methods in Natural Language Processing", "S9000000107", "conference"},   // 6
    {"Conference on Robot Learning", "S9000000108", "conference"},                         // 7
    {"IEEE International Conference on Robotics and Automation", "S9000000109", "conference"},  // 8
    {"Interspeech", "S9000000110", "conference"},                                          // 9
    {"Conference on Learning Theory", "S9000000111", "conference"},                        // 10
    {"Journal of Machine Learning Research", "S9000000112", "journal"},                    // 11
    {"arXiv (Cornell University)", "S9000000113", "repository"},                           // 12
    {"Transactions on Machine Learning Research", "S9000000114", "journal"},               // 13
    {"AAAI Conference on Artificial Intelligence", "S9000000115", "conference"},           // 14
};

constexpr ConceptInfo kCsAi = {"C154945302", "Artificial intelligence", 1};
constexpr ConceptInfo kCsMl = {"C119857082", "Machine learning", 1};
constexpr ConceptInfo kCs = {"C41008148", "Computer science", 0};

// --- Large language models
constexpr sv kLlmMethods[] = {"Chain-of-Thought Prompting", "Instruction Tuning", "Sparse Mixture-of-Experts",
    "Retrieval-Augmented Generation", "Speculative Decoding", "Long-Context Transformers",
    "Tool-Augmented Language Models", "Process Reward Models", "Scaling Laws", "In-Context Learning"};
constexpr sv kLlmTasks[] = {"Multi-Step Reasoning", "Code Generation", "Mathematical Problem Solving",
    "Open-Domain Question Answering", "Long-Document Summarization", "Multilingual Understanding",
    "Language Model Pretraining", "Agentic Planning"};
constexpr sv kLlmProblems[] = {"large language models still fail on tasks that require many reasoning steps",
    "pretraining compute grows faster than the data available to use it",
    "language models hallucinate facts that are absent from their context",
    "inference cost limits the deployment of the largest models"};
constexpr sv kLlmBench[] = {"GSM8K", "MATH", "HumanEval", "MMLU", "BIG-Bench Hard", "LongBench"};
constexpr sv kLlmFindings[] = {"reasoning ability emerges smoothly with scale", "the gains transfer to unseen domains",
    "data quality matters more than model size beyond a threshold", "self-consistency closes most of the gap"};
constexpr ConceptInfo kLlmConcepts[] = {{"C204321447", "Natural language processing", 1},
    {"C9000000201", "Language model", 2}, kCsAi, kCs};
constexpr int kLlmVenues[] = {0, 1, 2, 5, 6, 12, 12};

// --- Reinforcement learning
constexpr sv kRlMethods[] = {"Policy Gradient Methods", "Offline Reinforcement Learning", "Model-Based Planning",
    "Distributional Value Functions", "World Models", "Intrinsic Motivation", "Actor-Critic Algorithms",
    "Self-Play"};
constexpr sv kRlTasks[] = {"Continuous Control", "Exploration in Sparse-Reward Environments", "Multi-Agent Coordination",
    "Game Playing", "Credit Assignment", "Sim-to-Real Transfer"};
constexpr sv kRlProblems[] = {"agents need millions of interactions to learn simple behaviours",
    "value estimates diverge when learning from fixed datasets",
    "exploration remains hard when rewards are sparse"};
constexpr sv kRlBench[] = {"Atari 100k", "D4RL", "MuJoCo", "Procgen", "NetHack", "DeepMind Control Suite"};
constexpr sv kRlFindings[] = {"planning in a learned latent space is sufficient", "conservative updates prevent collapse",
    "the agent discovers strategies unknown to human experts"};
constexpr ConceptInfo kRlConcepts[] = {{"C97541855", "Reinforcement learning", 2}, kCsAi, kCsMl, kCs};
constexpr int kRlVenues[] = {0, 1, 2, 11, 12};

// --- Diffusion and generative models
constexpr sv kGenMethods[] = {"Denoising Diffusion Models", "Score-Based Generative Models", "Flow Matching",
    "Latent Diffusion", "Classifier-Free Guidance", "Consistency Models", "Variational Autoencoders",
    "Normalizing Flows"};
constexpr sv kGenTasks[] = {"Text-to-Image Synthesis", "Video Generation", "Image Editing", "3D Shape Generation",
    "Density Estimation", "Few-Step Sampling"};
constexpr sv kGenProblems[] = {"sampling from diffusion models requires hundreds of network evaluations",
    "generative models memorise parts of their training data",
    "controlling the output of generative models remains difficult"};
constexpr sv kGenBench[] = {"ImageNet 256x256", "CIFAR-10", "MS-COCO", "LAION-Aesthetics", "UCF-101"};
constexpr sv kGenFindings[] = {"two sampling steps suffice for competitive FID", "guidance trades diversity for fidelity",
    "the learned score is well calibrated off the data manifold"};
constexpr ConceptInfo kGenConcepts[] = {{"C9000000202", "Generative model", 2}, {"C108583219", "Deep learning", 2},
    kCsAi, kCs};
constexpr int kGenVenues[] = {0, 1, 2, 3, 12};

// --- Computer vision
constexpr sv kCvMethods[] = {"Vision Transformers", "Contrastive Pretraining", "Masked Autoencoders",
    "Convolutional Networks", "Neural Radiance Fields", "Self-Supervised Representation Learning",
    "Open-Vocabulary Detection", "Segment Anything Models"};
constexpr sv kCvTasks[] = {"Object Detection", "Semantic Segmentation", "Image Classification",
    "Video Understanding", "Novel View Synthesis", "Depth Estimation", "Visual Tracking"};
constexpr sv kCvProblems[] = {"vision models degrade under distribution shift",
    "dense annotation is expensive to collect at scale",
    "recognition of rare categories lags behind common ones"};
constexpr sv kCvBench[] = {"ImageNet", "COCO", "ADE20K", "Kinetics-400", "Cityscapes", "LVIS"};
constexpr sv kCvFindings[] = {"masked pretraining scales better than supervised pretraining",
    "features become linearly separable without labels", "the model localises objects it was never taught"};
constexpr ConceptInfo kCvConcepts[] = {{"C31972630", "Computer vision", 1}, {"C108583219", "Deep learning", 2},
    kCsAi, kCs};
constexpr int kCvVenues[] = {3, 3, 4, 0, 2, 12};

// --- Robotics
constexpr sv kRobMethods[] = {"Diffusion Policies", "Vision-Language-Action Models", "Imitation Learning",
    "Dexterous Manipulation Policies", "Legged Locomotion Controllers", "Behaviour Cloning",
    "Teleoperation Data Collection"};
constexpr sv kRobTasks[] = {"Robotic Manipulation", "Mobile Navigation", "Quadruped Locomotion",
    "Household Tasks", "Grasping of Novel Objects", "Bimanual Assembly"};
constexpr sv kRobProblems[] = {"robots rarely generalise beyond the scenes they were trained in",
    "collecting robot demonstrations is slow and costly",
    "policies trained in simulation break on real hardware"};
constexpr sv kRobBench[] = {"RLBench", "Open X-Embodiment", "CALVIN", "LIBERO", "Habitat"};
constexpr sv kRobFindings[] = {"one policy controls many embodiments", "web-scale pretraining helps low-level control",
    "the robot recovers from perturbations without retraining"};
constexpr ConceptInfo kRobConcepts[] = {{"C90509273", "Robot", 2}, {"C9000000203", "Robot learning", 3}, kCsAi, kCs};
constexpr int kRobVenues[] = {7, 8, 0, 12};

// --- AI safety and alignment
constexpr sv kSafeMethods[] = {"Reinforcement Learning from Human Feedback", "Constitutional Training",
    "Direct Preference Optimization", "Red Teaming", "Scalable Oversight", "Reward Modelling",
    "Debate Protocols", "Adversarial Training"};
constexpr sv kSafeTasks[] = {"Alignment of Language Models", "Jailbreak Robustness", "Reward Hacking Detection",
    "Honest Question Answering", "Dangerous Capability Evaluation", "Specification Gaming"};
constexpr sv kSafeProblems[] = {"models optimised against learned rewards exploit their flaws",
    "safety training can be undone by a few adversarial prompts",
    "human feedback does not scale to tasks beyond human expertise"};
constexpr sv kSafeBench[] = {"HH-RLHF", "TruthfulQA", "AdvBench", "HarmBench", "MT-Bench"};
constexpr sv kSafeFindings[] = {"preference optimisation without a reward model is as effective",
    "oversight by weaker models still improves stronger ones", "refusals generalise to unseen attacks"};
constexpr ConceptInfo kSafeConcepts[] = {{"C9000000204", "AI alignment", 3}, {"C9000000201", "Language model", 2},
    kCsAi, kCs};
constexpr int kSafeVenues[] = {0, 1, 2, 12, 12, 14};

// --- Interpretability
constexpr sv kInterpMethods[] = {"Sparse Autoencoders", "Circuit Analysis", "Activation Patching", "Probing Classifiers",
    "Feature Attribution", "Dictionary Learning"};
constexpr sv kInterpTasks[] = {"Mechanistic Interpretability", "Superposition in Neural Networks",
    "Attributing Model Behaviour", "Editing Factual Knowledge", "Understanding In-Context Learning"};
constexpr sv kInterpProblems[] = {"the internal computations of large models remain opaque",
    "individual neurons respond to many unrelated concepts",
    "attribution methods disagree with each other"};
constexpr sv kInterpBench[] = {"IOI", "Othello-GPT", "Tracr", "CounterFact"};
constexpr sv kInterpFindings[] = {"features are monosemantic at sufficient dictionary size",
    "a small circuit implements the behaviour", "edits localise to a few middle layers"};
constexpr ConceptInfo kInterpConcepts[] = {{"C9000000205", "Interpretability", 3}, {"C50644808", "Artificial neural network", 2},
    kCsAi, kCs};
constexpr int kInterpVenues[] = {0, 2, 1, 12, 12, 13};

// --- Learning theory and optimisation
constexpr sv kThMethods[] = {"Stochastic Gradient Descent", "Neural Tangent Kernels", "PAC-Bayes Bounds",
    "Adaptive Optimizers", "Online Convex Optimization", "Mean-Field Analysis", "Implicit Regularization"};
constexpr sv kThTasks[] = {"Generalization of Overparameterized Networks", "Non-Convex Optimization",
    "Bandit Learning", "Learning with Label Noise", "Feature Learning"};
constexpr sv kThProblems[] = {"classical bounds do not explain why overparameterized networks generalise",
    "the dynamics of training in the feature-learning regime are poorly understood",
    "adaptive methods lack guarantees in non-convex settings"};
constexpr sv kThBench[] = {"synthetic teacher-student tasks", "CIFAR-10", "two-layer networks"};
constexpr sv kThFindings[] = {"the rate is minimax optimal", "gradient descent is implicitly biased towards low rank",
    "the bound is non-vacuous for practical networks"};
constexpr ConceptInfo kThConcepts[] = {{"C80444323", "Theoretical computer science", 1}, {"C11413529", "Algorithm", 1},
    kCsMl, kCs};
constexpr int kThVenues[] = {10, 11, 0, 1, 12};

// --- Multimodal
constexpr sv kMmMethods[] = {"Vision-Language Pretraining", "Multimodal Large Language Models", "Visual Instruction Tuning",
    "Contrastive Image-Text Models", "Cross-Modal Attention"};
constexpr sv kMmTasks[] = {"Visual Question Answering", "Image Captioning", "Video-Language Understanding",
    "Document Understanding", "Grounded Dialogue"};
constexpr sv kMmProblems[] = {"multimodal models describe objects that are not in the image",
    "aligning vision and language requires vast paired data"};
constexpr sv kMmBench[] = {"VQAv2", "MMMU", "TextVQA", "NoCaps", "ChartQA"};
constexpr sv kMmFindings[] = {"a frozen language model suffices with a light adapter",
    "synthetic captions outperform web alt-text"};
constexpr ConceptInfo kMmConcepts[] = {{"C9000000206", "Multimodal learning", 2}, {"C31972630", "Computer vision", 1},
    kCsAi, kCs};
constexpr int kMmVenues[] = {3, 0, 2, 5, 12};

// --- Graph learning
constexpr sv kGraphMethods[] = {"Graph Neural Networks", "Message Passing Networks", "Graph Transformers",
    "Equivariant Networks", "Geometric Deep Learning"};
constexpr sv kGraphTasks[] = {"Molecular Property Prediction", "Protein Structure Prediction", "Link Prediction",
    "Combinatorial Optimization", "Weather Forecasting"};
constexpr sv kGraphProblems[] = {"message passing cannot distinguish many non-isomorphic graphs",
    "deep graph networks suffer from over-smoothing"};
constexpr sv kGraphBench[] = {"OGB", "QM9", "ZINC", "PDBbind", "WeatherBench"};
constexpr sv kGraphFindings[] = {"equivariance improves data efficiency by an order of magnitude",
    "the model matches numerical simulators at a fraction of the cost"};
constexpr ConceptInfo kGraphConcepts[] = {{"C9000000207", "Graph neural network", 3}, {"C50644808", "Artificial neural network", 2},
    kCsMl, kCs};
constexpr int kGraphVenues[] = {0, 1, 2, 11, 12};

// --- Speech
constexpr sv kSpMethods[] = {"Self-Supervised Speech Models", "Neural Audio Codecs", "Sequence-to-Sequence Transducers",
    "Text-to-Speech Diffusion"};
constexpr sv kSpTasks[] = {"Automatic Speech Recognition", "Speech Synthesis", "Speaker Verification",
    "Speech Translation", "Music Generation"};
constexpr sv kSpProblems[] = {"speech recognisers degrade on accented and noisy speech",
    "low-resource languages lack transcribed audio"};
constexpr sv kSpBench[] = {"LibriSpeech", "Common Voice", "VCTK", "FLEURS"};
constexpr sv kSpFindings[] = {"one model covers a hundred languages", "weak supervision at scale rivals clean labels"};
constexpr ConceptInfo kSpConcepts[] = {{"C28490314", "Speech recognition", 1}, {"C108583219", "Deep learning", 2},
    kCsAi, kCs};
constexpr int kSpVenues[] = {9, 9, 0, 1, 12};

// --- Efficient ML and systems
constexpr sv kSysMethods[] = {"Post-Training Quantization", "FlashAttention Kernels", "Pipeline Parallelism",
    "Low-Rank Adaptation", "Knowledge Distillation", "Structured Pruning", "Paged KV Caches"};
constexpr sv kSysTasks[] = {"Efficient Inference", "Distributed Training", "On-Device Deployment",
    "Memory-Efficient Fine-Tuning", "Serving Large Models"};
constexpr sv kSysProblems[] = {"memory bandwidth, not compute, bounds transformer inference",
    "training the largest models requires thousands of accelerators"};
constexpr sv kSysBench[] = {"MLPerf", "WikiText-103", "LLaMA-7B", "the Pile"};
constexpr sv kSysFindings[] = {"4-bit weights lose almost no accuracy", "throughput doubles at equal latency"};
constexpr ConceptInfo kSysConcepts[] = {{"C9000000208", "Model compression", 3}, {"C108583219", "Deep learning", 2},
    kCsMl, kCs};
constexpr int kSysVenues[] = {0, 1, 2, 12, 13};

#define ST_TOPIC_LISTS(p) p##Methods, p##Tasks, p##Problems, p##Bench, p##Findings, p##Concepts, p##Venues

constexpr TopicInfo kTopics[] = {
    {"T99001", "Large Language Models and Reasoning", "1702", "Artificial Intelligence", "17", "Computer Science",
     ST_TOPIC_LISTS(kLlm), 0.3f, 4.0f},
    {"T99002", "Reinforcement Learning and Decision Making", "1702", "Artificial Intelligence", "17",
     "Computer Science", ST_TOPIC_LISTS(kRl), 1.2f, 1.0f},
    {"T99003", "Diffusion and Generative Models", "1702", "Artificial Intelligence", "17", "Computer Science",
     ST_TOPIC_LISTS(kGen), 0.5f, 1.8f},
    {"T99004", "Visual Recognition and Scene Understanding", "1707", "Computer Vision and Pattern Recognition", "17",
     "Computer Science", ST_TOPIC_LISTS(kCv), 2.0f, 0.9f},
    {"T99005", "Robot Learning and Embodied AI", "2207", "Control and Systems Engineering", "22", "Engineering",
     ST_TOPIC_LISTS(kRob), 0.7f, 1.0f},
    {"T99006", "AI Safety and Alignment", "1702", "Artificial Intelligence", "17", "Computer Science",
     ST_TOPIC_LISTS(kSafe), 0.1f, 1.4f},
    {"T99007", "Interpretability of Neural Networks", "1702", "Artificial Intelligence", "17", "Computer Science",
     ST_TOPIC_LISTS(kInterp), 0.2f, 0.8f},
    {"T99008", "Learning Theory and Optimization", "1703", "Computational Theory and Mathematics", "17",
     "Computer Science", ST_TOPIC_LISTS(kTh), 1.2f, 0.6f},
    {"T99009", "Multimodal Learning", "1707", "Computer Vision and Pattern Recognition", "17", "Computer Science",
     ST_TOPIC_LISTS(kMm), 0.3f, 1.3f},
    {"T99010", "Graph Neural Networks and Scientific ML", "1702", "Artificial Intelligence", "17", "Computer Science",
     ST_TOPIC_LISTS(kGraph), 0.4f, 0.8f},
    {"T99011", "Speech and Audio Processing", "1711", "Signal Processing", "17", "Computer Science",
     ST_TOPIC_LISTS(kSp), 0.8f, 0.5f},
    {"T99012", "Efficient Machine Learning Systems", "1708", "Hardware and Architecture", "17", "Computer Science",
     ST_TOPIC_LISTS(kSys), 0.4f, 1.0f},
};
#undef ST_TOPIC_LISTS

}  // namespace

std::span<const VenueInfo> Venues() { return kVenues; }
std::span<const TopicInfo> Topics() { return kTopics; }

}  // namespace st::demo
