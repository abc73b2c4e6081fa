# ------------------------------------------------------------------ Kubernetes access (eks mode)
# The EKS cluster must accept access entries (authentication mode API or API_AND_CONFIG_MAP).

# The analysis reads: EKS's view policy, plus the group of infra/kubernetes/awoooi-analysis-rbac.yaml.
resource "aws_eks_access_entry" "analysis_access_entry" {
  count             = local.uses_eks ? 1 : 0
  cluster_name      = var.eks_cluster_name
  principal_arn     = module.analysis.role_arn
  type              = "STANDARD"
  kubernetes_groups = ["awoooi:analysis"]
}

resource "aws_eks_access_policy_association" "analysis_view" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = aws_eks_access_entry.analysis_access_entry[0].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}

# The executor acts as the fixed user awoooi-executor, bound by infra/kubernetes/awoooi-executor-rbac.yaml
# to exactly the verbs of the action catalog; no EKS access policy, no group.
resource "aws_eks_access_entry" "executor_access_entry" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = module.executor.role_arn
  type          = "STANDARD"
  user_name     = "awoooi-executor"
}
